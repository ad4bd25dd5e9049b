#!/bin/bash
# Run by DirectAdmin's plugin manager after it unpacks the plugin (as root).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
chown -R diradmin:diradmin "$here"
chmod 0755 "$here/user/index.html" "$here/user/token.raw" "$here/user/usage.raw" "$here/scripts/"*.sh
# Kept on upgrade; the secret is diradmin's alone.
if [[ ! -e $here/panelcare.conf ]]; then
  install -m 0600 -o diradmin -g diradmin "$here/panelcare.conf.example" "$here/panelcare.conf"
fi
chmod 0600 "$here/panelcare.conf"
echo "panelcare: installed. Edit $here/panelcare.conf (server, tenant, kid, secret)."
