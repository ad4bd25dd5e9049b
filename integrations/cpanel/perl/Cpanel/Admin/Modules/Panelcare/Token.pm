package Cpanel::Admin::Modules::Panelcare::Token;

# The root side of panelcare on cPanel: signs an identity token for the cPanel user who
# asks, and for nobody else. cpsrvd runs it as root on behalf of the user's session
# (Cpanel::AdminBin::Call::call('Panelcare', 'Token', 'SIGN')), so the tenant secret in
# /etc/panelcare/cpanel.conf (root, 0600) never reaches the user or the browser.

use strict;
use warnings;

use parent 'Cpanel::Admin::Base';

use Panelcare::Token ();

use constant _actions => ('SIGN');

our $CONFIG = '/etc/panelcare/cpanel.conf';

# key=value lines; # starts a comment.
sub _config {
    open( my $fh, '<', $CONFIG ) or die "panelcare: cannot read $CONFIG: $!\n";
    my %c;
    while ( my $line = <$fh> ) {
        next if $line =~ /^\s*(#|$)/;
        my ( $k, $v ) = $line =~ /^\s*([a-z_]+)\s*=\s*(.*?)\s*$/ or next;
        $c{$k} = $v;
    }
    close $fh;
    for my $required (qw(tenant kid secret)) {
        die "panelcare: $CONFIG has no $required\n" unless length( $c{$required} // '' );
    }
    return \%c;
}

# The account's plan, contact e-mail and locale from its cPanel user file.
sub _account {
    my ($user) = @_;
    my %a = ( plan => '', email => '', locale => '' );
    my $file = "/var/cpanel/users/$user";
    return \%a unless $user =~ /\A[a-z0-9][a-z0-9_.-]{0,31}\z/ && open( my $fh, '<', $file );
    while ( my $line = <$fh> ) {
        chomp $line;
        my ( $k, $v ) = split /=/, $line, 2;
        next unless defined $v;
        $a{plan}   = $v if $k eq 'PLAN';
        $a{email}  = $v if $k eq 'CONTACTEMAIL' && !length $a{email};
        $a{locale} = $v if $k eq 'LOCALE';
    }
    close $fh;
    return \%a;
}

sub SIGN {
    my ($self) = @_;
    # Who is asking comes from cpsrvd, never from the request.
    my $user = $self->get_caller_username();
    my $c    = _config();
    my $a    = _account($user);
    my $lifetime = $c->{lifetime} || 600;
    my $token = Panelcare::Token::sign(
        tenant   => $c->{tenant},
        kid      => $c->{kid},
        secret   => $c->{secret},
        account  => $user,
        name     => $user,
        email    => $a->{email},
        plan     => $a->{plan},
        locale   => $a->{locale},
        lifetime => $lifetime,
        ( $c->{support_tier} ? ( support_tier => $c->{support_tier} ) : () ),
    );
    return { token => $token, expires_in => $lifetime };
}

1;
