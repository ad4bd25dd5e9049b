#!/bin/bash
# Puts panelcare's dashboard snippet into cPanel's global footer content include, or takes
# it out, leaving whatever else the host has there untouched:
#   scripts/dashboard.sh install https://care.example.com
#   scripts/dashboard.sh remove
# The snippet sits between panelcare's begin and end markers; installing again (an upgrade,
# or a new server address) replaces it. PANELCARE_CONTENT_INCLUDES changes the directory
# (tests); cPanel reads /var/cpanel/customizations/content_includes.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${PANELCARE_CONTENT_INCLUDES:-/var/cpanel/customizations/content_includes}"
footer="$dir/cpanel_jupiter_globalfooter.html.tt"
begin='[%# panelcare:begin -%]'
end='[%# panelcare:end -%]'

# The footer without panelcare's block (empty when there is no footer).
others() {
  if [[ -f $footer ]]; then
    awk -v b="$begin" -v e="$end" '$0 == b { skip = 1; next } $0 == e { skip = 0; next } !skip' "$footer"
  fi
}

case "${1:-}" in
  install)
    server="${2:-}"
    if [[ ! $server =~ ^https://[A-Za-z0-9.:-]+$ ]]; then
      echo "panelcare: the server must be an https:// address without a path, not '$server'" >&2
      exit 1
    fi
    mkdir -p "$dir"
    tmp="$(mktemp "$dir/.panelcare.XXXXXX")"
    {
      others
      echo "$begin"
      sed "s|@SERVER@|$server|g" "$here/content_includes/panelcare-dashboard.html.tt"
      echo "$end"
    } > "$tmp"
    chmod 0644 "$tmp"
    mv "$tmp" "$footer"
    echo "panelcare: dashboard snippet in $footer"
    ;;
  remove)
    if [[ -f $footer ]]; then
      rest="$(others)"
      if [[ -z ${rest//[[:space:]]/} ]]; then
        rm -f "$footer"
      else
        printf '%s\n' "$rest" > "$footer"
      fi
    fi
    echo "panelcare: dashboard snippet removed"
    ;;
  *)
    echo "usage: $0 install <https://server> | remove" >&2
    exit 2
    ;;
esac
