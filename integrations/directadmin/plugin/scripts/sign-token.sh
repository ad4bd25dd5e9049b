#!/bin/bash
# panelcare identity token for DirectAdmin, signed on the server with openssl: the same
# contract as every other integration (JWT HS256, header kid, claims iss/sub/aud/iat/exp and
# name, email, plan, locale, support_tier, server). Reads PANELCARE_TENANT, PANELCARE_KID,
# PANELCARE_SECRET, PANELCARE_ACCOUNT and the optional PANELCARE_NAME, _EMAIL, _PLAN,
# _LOCALE, _SUPPORT_TIER, _SERVER, _LIFETIME, _NOW; prints the token.
set -euo pipefail
# Byte-wise string handling: UTF-8 passes through the JSON escaping untouched.
export LC_ALL=C

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# A JSON string: backslash and quote escaped, control characters as \u00XX. Bytes above
# 0x7f (UTF-8) pass through unchanged, which JSON allows.
json_string() {
  local s=$1 out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      '"') out+='\"' ;;
      \\) out+="\\\\" ;;
      *)
        if [[ $c < ' ' && -n $c ]]; then
          printf -v c '\\u%04x' "'$c"
        fi
        out+=$c ;;
    esac
  done
  printf '"%s"' "$out"
}

: "${PANELCARE_TENANT:?panelcare: PANELCARE_TENANT is required}"
: "${PANELCARE_KID:?panelcare: PANELCARE_KID is required}"
: "${PANELCARE_SECRET:?panelcare: PANELCARE_SECRET is required}"
: "${PANELCARE_ACCOUNT:?panelcare: PANELCARE_ACCOUNT is required}"
if ((${#PANELCARE_SECRET} < 16)); then
  echo "panelcare: the signing secret is too short" >&2
  exit 2
fi
lifetime=${PANELCARE_LIFETIME:-600}
((lifetime < 60)) && lifetime=60
((lifetime > 900)) && lifetime=900
now=${PANELCARE_NOW:-$(date +%s)}

claims="{\"iss\":$(json_string "$PANELCARE_TENANT"),\"sub\":$(json_string "$PANELCARE_ACCOUNT"),\"aud\":\"panelcare\",\"iat\":$now,\"exp\":$((now + lifetime))"
for field in name email plan locale support_tier server; do
  var="PANELCARE_${field^^}"
  if [[ -n ${!var:-} ]]; then
    claims+=",\"$field\":$(json_string "${!var}")"
  fi
done
claims+="}"

header=$(printf '{"alg":"HS256","typ":"JWT","kid":%s}' "$(json_string "$PANELCARE_KID")" | b64url)
payload=$(printf '%s' "$claims" | b64url)
signature=$(printf '%s' "$header.$payload" | openssl dgst -sha256 -hmac "$PANELCARE_SECRET" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
