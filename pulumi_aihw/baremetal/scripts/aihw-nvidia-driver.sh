#!/usr/bin/env bash
# aihw-script: nvidia-driver
# aihw-script-version: 1
#
# Install or verify the NVIDIA stack: the data-centre driver (open kernel modules,
# from NVIDIA's CUDA repository), Fabric Manager on NVSwitch (HGX) systems, and the
# NVIDIA Container Toolkit, configured for Docker or containerd where present.
# Idempotent: what is installed and working is only verified. Runs as root. Never
# removes anything.
#
# Usage: bash aihw-nvidia-driver.sh SERVER
set -euo pipefail

server="${1:?usage: aihw-nvidia-driver.sh SERVER}"
cuda_repo="https://developer.download.nvidia.com/compute/cuda/repos"
toolkit_repo="https://nvidia.github.io/libnvidia-container"
export DEBIAN_FRONTEND=noninteractive

log() { echo "aihw-nvidia-driver: ${server}: $*"; }
fail() {
  echo "aihw-nvidia-driver: ${server}: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "must run as root"

os_field() {
  sed -n -E "s/^$1=\"?([^\"]*)\"?\$/\1/p" /etc/os-release | head -n 1
}

repo_name() {  # ubuntu2204, ubuntu2404, debian12
  local id version
  id="$(os_field ID)"
  version="$(os_field VERSION_ID)"
  case "${id}${version}" in
    ubuntu22.04 | ubuntu24.04 | debian12) echo "${id}${version//./}" ;;
    *) fail "${id} ${version}: no NVIDIA repository support here; set baremetal.drivers: external" ;;
  esac
}

repo_arch() {
  case "$(uname -m)" in
    x86_64) echo "x86_64" ;;
    aarch64) echo "sbsa" ;;
    *) fail "unsupported architecture $(uname -m)" ;;
  esac
}

driver_ok() { nvidia-smi >/dev/null 2>&1; }

driver_branch() {  # 570 from 570.124.06
  nvidia-smi --query-gpu=driver_version --format=csv,noheader | head -n 1 | cut -d. -f1
}

install_driver() {
  local keyring tmp
  keyring="cuda-keyring_1.1-1_all.deb"
  tmp="$(mktemp -d)"
  log "installing the NVIDIA driver (nvidia-open) from ${cuda_repo}"
  curl -fsSL -o "${tmp}/${keyring}" "${cuda_repo}/$(repo_name)/$(repo_arch)/${keyring}"
  dpkg -i "${tmp}/${keyring}"
  rm -rf "${tmp}"
  apt-get update -q
  apt-get install -y -q nvidia-open
  modprobe nvidia 2>/dev/null || true
  driver_ok || fail "driver installed but not loaded yet: reboot ${server}, then run pulumi up again"
}

has_nvswitch() {  # NVSwitch bridges on HGX baseboards need Fabric Manager
  command -v lspci >/dev/null 2>&1 && lspci -d 10de: 2>/dev/null | grep -qi 'bridge'
}

ensure_fabric_manager() {
  has_nvswitch || return 0
  if systemctl is-active --quiet nvidia-fabricmanager; then
    log "fabric manager running"
    return 0
  fi
  log "installing Fabric Manager for driver branch $(driver_branch)"
  apt-get install -y -q "nvidia-fabricmanager-$(driver_branch)"
  systemctl enable --now nvidia-fabricmanager
}

install_toolkit() {
  local keyring="/usr/share/keyrings/nvidia-container-toolkit-keyring.gpg"
  log "installing the NVIDIA Container Toolkit"
  curl -fsSL "${toolkit_repo}/gpgkey" | gpg --batch --yes --dearmor -o "${keyring}"
  curl -fsSL "${toolkit_repo}/stable/deb/nvidia-container-toolkit.list" \
    | sed "s#deb https://#deb [signed-by=${keyring}] https://#g" \
      >/etc/apt/sources.list.d/nvidia-container-toolkit.list
  apt-get update -q
  apt-get install -y -q nvidia-container-toolkit
}

configure_runtimes() {
  if command -v docker >/dev/null 2>&1; then
    nvidia-ctk runtime configure --runtime=docker
    systemctl restart docker
  fi
  if command -v containerd >/dev/null 2>&1; then
    nvidia-ctk runtime configure --runtime=containerd
    systemctl restart containerd
  fi
}

if driver_ok; then
  log "driver present"
else
  install_driver
fi
ensure_fabric_manager
if command -v nvidia-ctk >/dev/null 2>&1; then
  log "container toolkit present"
else
  install_toolkit
  configure_runtimes
fi
echo "aihw-nvidia-driver: ok ${server} driver=$(driver_branch) toolkit=$(nvidia-ctk --version | head -n 1)"
