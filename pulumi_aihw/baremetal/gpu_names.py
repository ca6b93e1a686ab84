"""What ``nvidia-smi`` / ``rocm-smi`` call each catalog GPU, for the verify step.

``nvidia-smi --query-gpu=name`` prints e.g. ``NVIDIA H100 80GB HBM3`` for an H100 SXM5
and ``NVIDIA H100 PCIe`` for the PCIe card; ``rocm-smi --showproductname`` prints the
card series, e.g. ``AMD Instinct MI300X OAM``. Patterns are extended regular
expressions matched case-insensitively against each reported name.
"""

from __future__ import annotations

import re

from pulumi_aihw.catalog.models import Accelerator

NAME_PATTERNS: dict[str, str] = {
    "a100-40gb": r"A100[- ](SXM4-|PCIE-)?40GB",
    "a100-80gb": r"A100[- ](SXM4-|PCIE-)?80GB",
    "a10g": r"A10G",
    "b200": r"B200",
    "b300": r"B300",
    "h100-pcie": r"H100 PCIe",
    "h100-sxm": r"H100 80GB HBM3|H100 SXM",
    "h200": r"H200",
    "l4": r"^(NVIDIA )?L4$",
    "l40s": r"L40S",
    "mi300x": r"MI300X",
    "rtx-pro-4000-blackwell-sff": r"RTX PRO 4000 Blackwell",
    "rtx-pro-6000-blackwell-max-q": r"RTX PRO 6000 Blackwell",
    "t4": r"^(NVIDIA |Tesla )?T4$",
}
"""Catalog accelerator id -> the names its vendor tool reports."""

_VENDOR_WORDS = re.compile(r"^(NVIDIA|AMD)( Instinct)? ", re.I)


def name_pattern(acc: Accelerator) -> str:
    """The pattern for ``acc``: from the table, else its catalog name without the vendor."""
    known = NAME_PATTERNS.get(acc.id)
    if known is not None:
        return known
    return re.escape(_VENDOR_WORDS.sub("", acc.name))
