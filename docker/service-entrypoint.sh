#!/bin/sh
# Entry point of docker/service.Dockerfile: runs one script of the root package.json
# (by default "$SERVICE", set from the SERVICE build argument) as `pnpm <script>`
# would, but with `exec`, so that the service itself receives the SIGTERM of
# `docker stop` and can shut down gracefully (flush buffered readings, close sessions).
#
# Why not `pnpm "$SERVICE"` directly: on SIGTERM, `pnpm run` (10.34.9, measured) exits at
# once with 143 and leaves its child `sh -c "tsx ..."` behind without passing the signal
# on; as the container's main process, its exit stops the container and everything in
# it is killed. tsx, by contrast, relays SIGTERM to the Node process it starts and waits
# for it to exit.
#
# Usage (arguments after the script name are passed on, as with `pnpm <script> ...`):
#   lingtan-service                # runs $SERVICE
#   lingtan-service sim --help     # runs the "sim" script with --help
set -eu

app="${APP_DIR:-/app}"
name="${1:-${SERVICE:-}}"
if [ "$#" -gt 0 ]; then shift; fi
if [ -z "$name" ]; then
  echo "lingtan-service: no script named: build with --build-arg SERVICE=<script> or pass one" >&2
  exit 64
fi

script="$(node -e '
  const scripts = require(process.argv[1] + "/package.json").scripts ?? {};
  const name = process.argv[2];
  if (typeof scripts[name] !== "string") {
    console.error(`lingtan-service: package.json has no script "${name}"; it has: ${Object.keys(scripts).join(", ")}`);
    process.exit(64);
  }
  process.stdout.write(scripts[name]);
' "$app" "$name")"

cd "$app"
PATH="$app/node_modules/.bin:$PATH"
export PATH

case "$script" in
  *'&'* | *'|'* | *';'* | *'`'* | *'$('*)
    # A compound command cannot be exec'd as one process: run it through a shell and
    # accept that signals reach the shell first.
    echo "lingtan-service: \"$name\" is a compound command, run through sh: $script" >&2
    exec sh -c "$script"' "$@"' "$name" "$@"
    ;;
esac

echo "lingtan-service: $name: $script" >&2
exec sh -c "exec $script"' "$@"' "$name" "$@"
