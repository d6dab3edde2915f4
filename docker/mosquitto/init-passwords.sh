#!/bin/sh
# One-shot job of docker/compose.yaml (service `mosquitto-init`, same image as the broker):
# writes the broker's password file /mosquitto/data/passwd from the service passwords in
# the environment and, if mounted, /mosquitto/config/meters.passwd (one `meter-id:password`
# line per meter; `#` comments). mosquitto_passwd stores salted PBKDF2-SHA512 hashes; the
# plain passwords never reach the broker's config. Runs on every `up`, so a changed
# password or a new meter takes effect on the next broker start.
set -eu
# Paths are overridable so tests/e2e/docker-broker-acl.test.ts can run this very script.
out="${PASSWD_FILE:-/mosquitto/data/passwd}"
tmp="$out.new"
: > "$tmp"
chmod 0600 "$tmp"
add() {
  [ -n "$2" ] || { echo "init-passwords: no password for $1 (set it in docker/.env)" >&2; exit 64; }
  mosquitto_passwd -b "$tmp" "$1" "$2"
}
add lingtan-ingestor "${LINGTAN_MQTT_INGESTOR_PASSWORD:-}"
add lingtan-rules "${LINGTAN_MQTT_RULES_PASSWORD:-}"
add lingtan-gateway "${LINGTAN_MQTT_GATEWAY_PASSWORD:-}"
add lingtan-simulator "${LINGTAN_MQTT_SIMULATOR_PASSWORD:-}"
meters="${METERS_FILE:-/mosquitto/config/meters.passwd}"
if [ -f "$meters" ]; then
  grep -v '^[[:space:]]*#' "$meters" | grep -v '^[[:space:]]*$' | while IFS=: read -r user pass; do
    add "$user" "$pass"
  done
fi
# The broker runs as user mosquitto and must read the file.
chown mosquitto:mosquitto "$tmp" 2>/dev/null || true
mv "$tmp" "$out"
echo "init-passwords: $(wc -l < "$out") users in $out"
