package Cpanel::Admin::Base;
# Syntax-check shim only: lets `perl -c` read the admin module on a machine without cPanel.
# On a cPanel server the real class is used; this file is never installed.
use strict;
use warnings;
sub get_caller_username { return $ENV{USER} // 'nobody' }
1;
