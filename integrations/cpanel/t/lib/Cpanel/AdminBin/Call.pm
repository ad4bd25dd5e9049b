package Cpanel::AdminBin::Call;
# Syntax-check shim only (see Cpanel/Admin/Base.pm); never installed.
use strict;
use warnings;
sub call { die "not on a cPanel server\n" }
1;
