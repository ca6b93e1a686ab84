#!/usr/bin/env bash
# aihw-script: check-os
# aihw-script-version: 1
#
# Check that a bare-metal server can be enrolled: Linux on x86_64 or aarch64, and,
# when the driver stack is managed (INSTALL=nvidia|amd), a distribution the
# installer supports. Read-only. Prints key=value facts, then a summary line.
#
# Usage: bash aihw-check-os.sh SERVER INSTALL    (INSTALL: nvidia, amd or none)
set -euo pipefail

server="${1:?usage: aihw-check-os.sh SERVER INSTALL}"
install="${2:?usage: aihw-check-os.sh SERVER INSTALL}"
os_release="${AIHW_OS_RELEASE:-/etc/os-release}"

fail() {
  echo "aihw-check-os: ${server}: $*" >&2
  exit 1
}

kernel="$(uname -s)"
[ "${kernel}" = "Linux" ] || fail "runs ${kernel}; enrollment needs Linux"
arch="$(uname -m)"
case "${arch}" in
  x86_64 | aarch64) ;;
  *) fail "CPU architecture ${arch} is not supported (x86_64 or aarch64)" ;;
esac
[ -r "${os_release}" ] || fail "${os_release} is missing: cannot tell the distribution"

# Read fields without sourcing the file (it would run as root).
os_field() {
  sed -n -E "s/^$1=\"?([^\"]*)\"?\$/\1/p" "${os_release}" | head -n 1
}
os_id="$(os_field ID)"
os_version="$(os_field VERSION_ID)"
os_id="${os_id:-unknown}"
os_version="${os_version:-unknown}"
echo "os_id=${os_id}"
echo "os_version=${os_version}"
echo "arch=${arch}"
echo "kernel=$(uname -r)"

case "${install}" in
  none) supported="any" ;;
  nvidia) supported="ubuntu22.04 ubuntu24.04 debian12" ;;
  amd) supported="ubuntu22.04 ubuntu24.04" ;;
  *) fail "unknown driver stack '${install}' (nvidia, amd or none)" ;;
esac
if [ "${supported}" != "any" ]; then
  case " ${supported} " in
    *" ${os_id}${os_version} "*) ;;
    *) fail "${os_id} ${os_version} is not a distribution the ${install} installer supports (${supported}); install the drivers yourself and set baremetal.drivers: external" ;;
  esac
fi
if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
  [ "${install}" = "none" ] || fail "user $(id -un) is not root and has no passwordless sudo"
fi
echo "aihw-check-os: ok ${server} ${os_id} ${os_version} ${arch}"
