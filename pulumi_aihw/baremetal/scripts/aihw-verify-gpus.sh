#!/usr/bin/env bash
# aihw-script: verify-gpus
# aihw-script-version: 1
#
# Verify that a server has the GPUs the inventory says: COUNT cards whose names match
# NAME_REGEX (extended regex, case-insensitive), as nvidia-smi or rocm-smi report them.
# Read-only. Prints one JSON line with what was found; on a difference, names the
# server and the difference on stderr and exits 1 (2: the vendor tool is missing or
# failed).
#
# Usage: bash aihw-verify-gpus.sh SERVER VENDOR COUNT MODEL NAME_REGEX
#   VENDOR: nvidia or amd; MODEL: the inventory's model id (for messages)
set -euo pipefail

usage="usage: aihw-verify-gpus.sh SERVER VENDOR COUNT MODEL NAME_REGEX"
server="${1:?${usage}}"
vendor="${2:?${usage}}"
want_count="${3:?${usage}}"
model="${4:?${usage}}"
name_regex="${5:?${usage}}"

fail() {
  local code="$1"
  shift
  echo "aihw-verify: ${server}: $*" >&2
  exit "${code}"
}

json_string() {
  local s="${1//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "${s}"
}

# One GPU name per line on stdout.
list_nvidia() {
  command -v nvidia-smi >/dev/null 2>&1 \
    || fail 2 "nvidia-smi not found: the NVIDIA driver is not installed"
  local out
  out="$(nvidia-smi --query-gpu=name --format=csv,noheader 2>&1)" \
    || fail 2 "nvidia-smi failed: ${out}"
  printf '%s\n' "${out}"
}

list_amd() {
  command -v rocm-smi >/dev/null 2>&1 \
    || fail 2 "rocm-smi not found: ROCm is not installed"
  local out
  out="$(rocm-smi --showproductname 2>&1)" || fail 2 "rocm-smi failed: ${out}"
  # GPU[0]		: Card Series: 		AMD Instinct MI300X OAM  (older ROCm: "Card series")
  printf '%s\n' "${out}" \
    | sed -n -E 's/^GPU\[[0-9]+\][[:space:]]*:[[:space:]]*Card [Ss]eries:[[:space:]]*//p' \
    | sed -E 's/[[:space:]]+$//'
}

case "${vendor}" in
  nvidia) names="$(list_nvidia)" ;;
  amd) names="$(list_amd)" ;;
  *) fail 2 "unknown GPU vendor '${vendor}' (nvidia or amd)" ;;
esac

found=()
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [ -n "${line}" ] && found+=("${line}")
done <<<"${names}"

wrong=()
for name in "${found[@]+"${found[@]}"}"; do
  if ! grep -Eiq -- "${name_regex}" <<<"${name}"; then
    wrong+=("${name}")
  fi
done

summary() {  # "NVIDIA H100 80GB HBM3 x7, NVIDIA L40S x1"
  printf '%s\n' "$@" | sort | uniq -c | sed -E 's/^ *([0-9]+) (.*)$/\2 x\1/' | paste -sd, - \
    | sed 's/,/, /g'
}

problems=()
if [ "${#found[@]}" -ne "${want_count}" ]; then
  problems+=("expected ${want_count} x ${model}, found ${#found[@]} GPUs${found[*]:+: $(summary "${found[@]}")}")
fi
if [ "${#wrong[@]}" -gt 0 ]; then
  problems+=("expected model ${model}, found ${#wrong[@]} of another model: $(summary "${wrong[@]}")")
fi
if [ "${#problems[@]}" -gt 0 ]; then
  fail 1 "$(printf '%s; ' "${problems[@]}" | sed 's/; $//')"
fi

items=""
for name in "${found[@]}"; do
  items="${items:+${items},}$(json_string "${name}")"
done
printf '{"server":%s,"vendor":%s,"model":%s,"count":%s,"gpus":[%s]}\n' \
  "$(json_string "${server}")" "$(json_string "${vendor}")" "$(json_string "${model}")" \
  "${#found[@]}" "${items}"
