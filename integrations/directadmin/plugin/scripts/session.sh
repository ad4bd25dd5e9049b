#!/bin/bash
# Who is asking, from DirectAdmin's own session file, never from the request: the session id
# and key DirectAdmin passes to plugin scripts must match a live session from the same
# address. "Login as" sessions list several names; the last one is the account in view.
# Sets PANELCARE_ACCOUNT or exits with an HTTP 401 answer. Sourced by the .raw scripts.

DA_ROOT=${DA_ROOT:-/usr/local/directadmin}

refuse() {
  printf 'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n\r\n'
  printf '{"error":"%s"}\n' "$1"
  exit 0
}

[[ ${SESSION_ID:-} =~ ^[A-Za-z0-9]+$ ]] || refuse "no DirectAdmin session"
session_file="$DA_ROOT/data/sessions/da_sess_$SESSION_ID"
[[ -r $session_file ]] || refuse "no DirectAdmin session"
session_key=$(grep -m1 '^key=' "$session_file" | cut -d= -f2- || true)
session_ip=$(grep -m1 '^ip=' "$session_file" | cut -d= -f2- || true)
session_users=$(grep -m1 '^username=' "$session_file" | cut -d= -f2- || true)
if [[ -z $session_key || $session_key != "${SESSION_KEY:-}" || -z $session_ip || $session_ip != "${REMOTE_ADDR:-}" ]]; then
  refuse "the DirectAdmin session does not match"
fi
PANELCARE_ACCOUNT=${session_users##*|}
[[ $PANELCARE_ACCOUNT =~ ^[a-z0-9][a-z0-9_-]{0,31}$ ]] || refuse "no DirectAdmin user"
export PANELCARE_ACCOUNT

# One key=value of a DirectAdmin user file.
user_value() {
  grep -m1 "^$1=" "$DA_ROOT/data/users/$PANELCARE_ACCOUNT/$2" 2>/dev/null | cut -d= -f2- || true
}
