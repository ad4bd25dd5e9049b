package Panelcare::Token;

# panelcare identity tokens for cPanel, signed by the root-owned AdminBin helper so the
# tenant secret (readable by root only) never reaches the user's session or the browser.
# The same contract as every other integration: a JWT (HS256) with the header
# {"alg":"HS256","typ":"JWT","kid":<key id>} and the claims {iss, sub, aud: "panelcare",
# iat, exp <= iat + 900, name, email, plan, locale, support_tier?, server?}.

use strict;
use warnings;

use Digest::SHA qw(hmac_sha256);
use JSON::PP ();
use MIME::Base64 qw(encode_base64);

our $MAX_LIFETIME = 900;

sub _b64url {
    my ($bytes) = @_;
    my $s = encode_base64( $bytes, '' );
    $s =~ tr{+/}{-_};
    $s =~ s/=+\z//;
    return $s;
}

# sign(tenant => ..., kid => ..., secret => ..., account => ..., name, email, plan, locale,
#      support_tier, server, lifetime => 600, now => time)
sub sign {
    my (%a) = @_;
    for my $required (qw(tenant kid account)) {
        die "panelcare: $required is required\n" unless defined $a{$required} && length $a{$required};
    }
    die "panelcare: the signing secret is missing or too short\n"
      unless defined $a{secret} && length( $a{secret} ) >= 16;
    my $lifetime = int( $a{lifetime} // 600 );
    $lifetime = 60            if $lifetime < 60;
    $lifetime = $MAX_LIFETIME if $lifetime > $MAX_LIFETIME;
    my $now = int( $a{now} // time );
    my %claims = (
        iss => $a{tenant},
        sub => $a{account},
        aud => 'panelcare',
        iat => $now,
        exp => $now + $lifetime,
    );
    for my $field (qw(name email plan locale support_tier server)) {
        $claims{$field} = $a{$field} if defined $a{$field} && length $a{$field};
    }
    # Canonical, UTF-8, integers as numbers: any JSON parser reads the same claims.
    my $json = JSON::PP->new->utf8->canonical;
    my $header  = _b64url( $json->encode( { alg => 'HS256', typ => 'JWT', kid => $a{kid} } ) );
    my $payload = _b64url( $json->encode( \%claims ) );
    my $mac = hmac_sha256( "$header.$payload", $a{secret} );
    return "$header.$payload." . _b64url($mac);
}

1;
