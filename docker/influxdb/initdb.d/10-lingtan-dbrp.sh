#!/bin/bash
# Maps the InfluxDB 1.x database/retention policy that Lingtan uses (the v1-compatible
# `/write` and `/query` endpoints, see packages/store) onto the bucket that the
# influxdb:2.x image created from DOCKER_INFLUXDB_INIT_* in docker/compose.yaml.
#
# The image's entrypoint runs *.sh files in /docker-entrypoint-initdb.d with run-parts,
# once, on first start (when no boltdb exists yet), after `influx setup`, against a
# temporary influxd it started for the purpose. At that point it has exported
# INFLUX_HOST (the temporary server) and DOCKER_INFLUXDB_INIT_{ORG,BUCKET}_ID, and the
# CLI's active config holds the operator token. run-parts skips files that are not
# executable: this file must keep mode 755 (git records it).
#
# Reference: https://docs.influxdata.com/influxdb/v2/reference/cli/influx/v1/dbrp/create/
set -euo pipefail

db="${LINGTAN_INFLUX_DB:-lingtan}"
rp="${LINGTAN_INFLUX_RP:-autogen}"

if [ -z "${DOCKER_INFLUXDB_INIT_BUCKET_ID:-}" ]; then
  echo "lingtan-dbrp: DOCKER_INFLUXDB_INIT_BUCKET_ID is empty: bucket '${DOCKER_INFLUXDB_INIT_BUCKET:-}' was not found" >&2
  exit 1
fi

auth=(--org "${DOCKER_INFLUXDB_INIT_ORG}")
if [ -n "${DOCKER_INFLUXDB_INIT_ADMIN_TOKEN:-}" ]; then
  auth+=(--token "${DOCKER_INFLUXDB_INIT_ADMIN_TOKEN}")
fi

echo "lingtan-dbrp: mapping database '${db}', retention policy '${rp}' (default) to bucket '${DOCKER_INFLUXDB_INIT_BUCKET}' (${DOCKER_INFLUXDB_INIT_BUCKET_ID})"
influx v1 dbrp create "${auth[@]}" \
  --bucket-id "${DOCKER_INFLUXDB_INIT_BUCKET_ID}" \
  --db "${db}" \
  --rp "${rp}" \
  --default

influx v1 dbrp list "${auth[@]}" --db "${db}"
