#!/usr/local/cpanel/3rdparty/bin/perl
# The user-level half: runs in the customer's cPanel session and asks the root-owned admin
# module for a token. The adapter (www/adapters/cpanel.js) reads this page.
use strict;
use warnings;

use Cpanel::AdminBin::Call ();
use JSON::PP ();

local $@;
my $answer = eval { Cpanel::AdminBin::Call::call( 'Panelcare', 'Token', 'SIGN' ) };
print "Content-Type: application/json\r\nCache-Control: no-store\r\n";
if ( ref $answer eq 'HASH' && $answer->{token} ) {
    print "\r\n", JSON::PP->new->encode( { token => $answer->{token}, expires_in => 0 + $answer->{expires_in} } );
}
else {
    # The detail goes to cPanel's error log; the browser learns only that signing failed.
    warn "panelcare: signing failed: " . ( $@ || 'no token' );
    print "Status: 503\r\n\r\n", JSON::PP->new->encode( { error => 'panelcare could not sign you in' } );
}
