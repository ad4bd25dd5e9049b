#!/usr/local/cpanel/3rdparty/bin/perl
# The plugin's own page in Jupiter (Tools → Support → Support & feedback): the ticket widget
# and the feedback panel inside cPanel's chrome, through the cPanel adapter.
use strict;
use warnings;

use Cpanel::LiveAPI ();

our $CONFIG = '/etc/panelcare/cpanel-public.conf';

# Only the server's address is public; it lives apart from the secret.
my $server = 'https://care.example.com';
if ( open my $fh, '<', $CONFIG ) {
    while ( my $line = <$fh> ) {
        $server = $1 if $line =~ /^\s*server\s*=\s*(https:\/\/[A-Za-z0-9.:-]+)\s*$/;
    }
    close $fh;
}

my $cpanel = Cpanel::LiveAPI->new();
print "Content-type: text/html; charset=utf-8\r\n\r\n";
print $cpanel->header('Support & feedback');
print <<"HTML";
<div class="body-content">
  <div data-panelcare="notices"></div>
  <div class="row">
    <div class="col-md-7"><div data-panelcare="tickets" style="height:460px;margin-bottom:16px"></div></div>
    <div class="col-md-5"><div data-panelcare="feedback" style="height:460px;margin-bottom:16px"></div><div data-panelcare="offers"></div></div>
  </div>
</div>
<script src="$server/panelcare.js" data-host="cpanel" async></script>
HTML
print $cpanel->footer();
$cpanel->end();
