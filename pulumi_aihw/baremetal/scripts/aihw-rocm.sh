#!/usr/bin/env bash
# aihw-script: rocm
# aihw-script-version: 1
#
# Install or verify AMD ROCm with the amdgpu kernel driver, through AMD's
# amdgpu-install package (use case "rocm"). Idempotent: a working rocm-smi is only
# verified. Runs as root. Never removes anything. ROCM_RELEASE / ROCM_PACKAGE pick
# the release (default 6.2: amdgpu-install_6.2.60200-1_all.deb).
#
# Usage: bash aihw-rocm.sh SERVER [LOGIN_USER]
set -euo pipefail

server="${1:?usage: aihw-rocm.sh SERVER [LOGIN_USER]}"
login_user="${2:-}"
release="${ROCM_RELEASE:-6.2}"
package="${ROCM_PACKAGE:-6.2.60200-1}"
export DEBIAN_FRONTEND=noninteractive

log() { echo "aihw-rocm: ${server}: $*"; }
fail() {
  echo "aihw-rocm: ${server}: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "must run as root"

rocm_ok() { rocm-smi --showproductname >/dev/null 2>&1; }

codename() {
  local name
  name="$(sed -n -E 's/^VERSION_CODENAME=\"?([^\"]*)\"?$/\1/p' /etc/os-release | head -n 1)"
  case "${name}" in
    jammy | noble) echo "${name}" ;;
    *) fail "Ubuntu ${name:-?}: amdgpu-install supports jammy (22.04) and noble (24.04); set baremetal.drivers: external" ;;
  esac
}

install_rocm() {
  local deb tmp
  deb="amdgpu-install_${package}_all.deb"
  tmp="$(mktemp -d)"
  log "installing ROCm ${release} with amdgpu-install"
  curl -fsSL -o "${tmp}/${deb}" "https://repo.radeon.com/amdgpu-install/${release}/ubuntu/$(codename)/${deb}"
  apt-get update -q
  apt-get install -y -q "${tmp}/${deb}"
  rm -rf "${tmp}"
  apt-get update -q
  amdgpu-install -y --usecase=rocm
  modprobe amdgpu 2>/dev/null || true
  rocm_ok || fail "ROCm installed but the driver is not loaded yet: reboot ${server}, then run pulumi up again"
}

if rocm_ok; then
  log "ROCm present"
else
  install_rocm
fi
if [ -n "${login_user}" ] && id "${login_user}" >/dev/null 2>&1; then
  usermod -a -G render,video "${login_user}"
fi
echo "aihw-rocm: ok ${server} rocm=$(cat /opt/rocm/.info/version 2>/dev/null || echo unknown)"
