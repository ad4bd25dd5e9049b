#!/bin/bash
# Installs (or upgrades) panelcare on a cPanel server. Run as root from the unpacked
# package directory: ./install.sh
set -euo pipefail
cd "$(dirname "$0")"

if [[ $(id -u) -ne 0 ]]; then
  echo "panelcare: run this as root" >&2
  exit 1
fi
if [[ ! -x /usr/local/cpanel/scripts/install_plugin ]]; then
  echo "panelcare: this is not a cPanel server (no /usr/local/cpanel/scripts/install_plugin)" >&2
  exit 1
fi

# The signer and the root-owned admin module.
install -d -m 0755 /var/cpanel/perl/Panelcare /var/cpanel/perl/Cpanel/Admin/Modules/Panelcare
install -m 0644 perl/Panelcare/Token.pm /var/cpanel/perl/Panelcare/Token.pm
install -m 0644 perl/Cpanel/Admin/Modules/Panelcare/Token.pm /var/cpanel/perl/Cpanel/Admin/Modules/Panelcare/Token.pm

# The customer's pages in Jupiter.
install -d -m 0755 /usr/local/cpanel/base/frontend/jupiter/panelcare
install -m 0755 frontend/jupiter/panelcare/index.live.pl frontend/jupiter/panelcare/token.live.pl \
  /usr/local/cpanel/base/frontend/jupiter/panelcare/

# Settings: kept on upgrade; the secret is root's alone.
install -d -m 0755 /etc/panelcare
if [[ ! -e /etc/panelcare/cpanel.conf ]]; then
  install -m 0600 -o root -g root cpanel.conf.example /etc/panelcare/cpanel.conf
  echo "panelcare: edit /etc/panelcare/cpanel.conf (tenant, kid, secret)"
fi
chmod 0600 /etc/panelcare/cpanel.conf
if [[ ! -e /etc/panelcare/cpanel-public.conf ]]; then
  install -m 0644 cpanel-public.conf.example /etc/panelcare/cpanel-public.conf
  echo "panelcare: edit /etc/panelcare/cpanel-public.conf (server)"
fi

# The link in Tools (and its feature, so hosts and resellers can switch it per feature list).
/usr/local/cpanel/scripts/install_plugin "$PWD" --theme=jupiter

# Notices and offers on the dashboard, unless --no-dashboard; the address is read again on
# every run, so running this again after editing it moves the dashboard to the new server.
server="$(sed -n 's/^[[:space:]]*server[[:space:]]*=[[:space:]]*\(https:\/\/[A-Za-z0-9.:-]*\)[[:space:]]*$/\1/p' /etc/panelcare/cpanel-public.conf | tail -n 1)"
if [[ ${1:-} == --no-dashboard ]]; then
  scripts/dashboard.sh remove
elif [[ -z $server || $server == https://care.example.com ]]; then
  echo "panelcare: set server in /etc/panelcare/cpanel-public.conf, then run ./install.sh again for the dashboard"
else
  scripts/dashboard.sh install "$server"
fi
echo "panelcare: installed"
