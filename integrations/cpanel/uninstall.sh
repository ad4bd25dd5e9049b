#!/bin/bash
# Removes panelcare from a cPanel server. Run as root from the unpacked package directory.
# Settings in /etc/panelcare stay unless you pass --purge.
set -euo pipefail
cd "$(dirname "$0")"

if [[ $(id -u) -ne 0 ]]; then
  echo "panelcare: run this as root" >&2
  exit 1
fi
if [[ -x /usr/local/cpanel/scripts/uninstall_plugin ]]; then
  /usr/local/cpanel/scripts/uninstall_plugin "$PWD" --theme=jupiter
fi
scripts/dashboard.sh remove
rm -rf /usr/local/cpanel/base/frontend/jupiter/panelcare
rm -f /var/cpanel/perl/Cpanel/Admin/Modules/Panelcare/Token.pm /var/cpanel/perl/Panelcare/Token.pm
rmdir /var/cpanel/perl/Cpanel/Admin/Modules/Panelcare /var/cpanel/perl/Panelcare 2>/dev/null || true
if [[ ${1:-} == --purge ]]; then
  rm -rf /etc/panelcare/cpanel.conf /etc/panelcare/cpanel-public.conf
  rmdir /etc/panelcare 2>/dev/null || true
fi
echo "panelcare: removed"
