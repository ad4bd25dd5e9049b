package Cpanel::LiveAPI;
# Syntax-check shim only (see Cpanel/Admin/Base.pm); never installed.
use strict;
use warnings;
sub new { return bless {}, shift }
sub header { return '' }
sub footer { return '' }
sub end { return }
1;
