#!/usr/bin/env bash
# aihw-script: record
# aihw-script-version: 1
#
# Record the enrollment on the server itself, in ${AIHW_STATE_DIR:-/var/lib/aihw}/
# enrollment.json: which workload the server runs, the scripts that enrolled it and
# the GPUs verified. "release" (when the stack drops the server) marks it free and
# leaves the operating system, drivers and data alone. Runs as root.
#
# Usage: bash aihw-record.sh enroll SERVER WORKLOAD SCRIPTS GPUS
#        bash aihw-record.sh release SERVER WORKLOAD
set -euo pipefail

usage="usage: aihw-record.sh enroll|release SERVER WORKLOAD [SCRIPTS GPUS]"
mode="${1:?${usage}}"
server="${2:?${usage}}"
workload="${3:?${usage}}"
state_dir="${AIHW_STATE_DIR:-/var/lib/aihw}"
record="${state_dir}/enrollment.json"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

json_string() {
  local s="${1//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "${s}"
}

write() {  # atomically: a half-written record is never left behind
  mkdir -p "${state_dir}"
  printf '%s\n' "$1" >"${record}.tmp"
  mv -f "${record}.tmp" "${record}"
  cat "${record}"
}

case "${mode}" in
  enroll)
    scripts="${4:?${usage}}"
    gpus="${5:?${usage}}"
    write "{\"server\":$(json_string "${server}"),\"workload\":$(json_string "${workload}"),\"status\":\"assigned\",\"enrolled_at\":\"${now}\",\"scripts\":$(json_string "${scripts}"),\"gpus\":$(json_string "${gpus}")}"
    ;;
  release)
    write "{\"server\":$(json_string "${server}"),\"workload\":null,\"status\":\"free\",\"released_at\":\"${now}\",\"released_from\":$(json_string "${workload}")}"
    ;;
  *)
    echo "aihw-record: ${server}: unknown mode '${mode}' (enroll or release)" >&2
    exit 2
    ;;
esac
