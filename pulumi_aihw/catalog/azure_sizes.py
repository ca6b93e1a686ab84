"""What Azure targets and preflight need to know per VM size series: its driver stack (which image),
Trusted Launch support and how its GPUs are licensed. Pure data; the per-size hardware
(GPUs, vCPUs, memory, InfiniBand) is the catalog's (``catalog-src/azure/vm_sizes.csv``).

Trusted Launch: Microsoft's "Trusted Launch for Azure VMs" page
(MicrosoftDocs/azure-compute-docs@02ecf3f44efe41e8a9768513210a419624b11c94:
articles/virtual-machines/trusted-launch.md, 2025-04-21) lists the NC, ND and NV families as
supported, NDasrA100_v4 and NDm_A100_v4 as "currently not supported", and the original NC,
NV and NP series as not supported. Microsoft's own ND MI300X v5 examples create the VM with
``--security-type Standard`` (code search, several copies of its tech-community guide), so
the ROCm image is not verified under Trusted Launch either: aihw turns it off there, with a
warning, and ``deploy.azure.trusted_launch: true`` turns it on.

Drivers: the same page says Linux GRID drivers need Secure Boot off, and CUDA drivers need
extra steps under it; the Azure HPC/AI images build their GPU and InfiniBand modules with
DKMS (Azure/azhpc-images issue #298), which Secure Boot refuses, so ``secure_boot`` is off
by default and vTPM stays on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Stack = Literal["cuda", "rocm", "grid", "arm64-cuda"]
"""The driver stack a series needs: CUDA (NVIDIA data-centre GPUs), ROCm (AMD Instinct),
GRID (partial NVIDIA A10 GPUs), or CUDA on an Arm64 Grace host."""


@dataclass(frozen=True, slots=True)
class Series:
    """A VM size series, e.g. ``ND-H100-v5``."""

    name: str
    stack: Stack
    trusted_launch: bool
    """Trusted Launch supported (and verified) for this series."""
    trusted_launch_note: str = ""
    """Why not, when it is not."""


SERIES: tuple[tuple[re.Pattern[str], Series], ...] = (
    (re.compile(r"^Standard_ND\d+isr_H100_v5$"), Series("ND-H100-v5", "cuda", True)),
    (re.compile(r"^Standard_ND\d+isr_H200_v5$"), Series("ND-H200-v5", "cuda", True)),
    (
        re.compile(r"^Standard_ND\d+isr_MI300X_v5$"),
        Series(
            "ND-MI300X-v5",
            "rocm",
            False,
            "Microsoft's ND MI300X v5 examples use --security-type Standard with the ROCm "
            "HPC image; Trusted Launch is not verified there",
        ),
    ),
    (
        re.compile(r"^Standard_ND\d+amsr_A100_v4$"),
        Series(
            "NDm-A100-v4",
            "cuda",
            False,
            "NDm_A100_v4 is 'currently not supported' for Trusted Launch (Microsoft's Trusted "
            "Launch page)",
        ),
    ),
    (re.compile(r"^Standard_NC\d+ads_A100_v4$"), Series("NC-A100-v4", "cuda", True)),
    (re.compile(r"^Standard_NC\d+adi?s_H100_v5$"), Series("NCads-H100-v5", "cuda", True)),
    (re.compile(r"^Standard_NC\d+as_T4_v3$"), Series("NCasT4-v3", "cuda", True)),
    (re.compile(r"^Standard_NV\d+adm?s_A10_v5$"), Series("NVadsA10-v5", "grid", True)),
    (re.compile(r"^Standard_ND\d+isr_NDR_GB200_v6$"), Series("ND-GB200-v6", "arm64-cuda", True)),
)


def series_of(size: str) -> Series | None:
    """The series of a VM size, or ``None`` for a size aihw has no facts for."""
    for pattern, series in SERIES:
        if pattern.match(size):
            return series
    return None
