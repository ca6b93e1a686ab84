"""How sources name accelerators, links and models, mapped to this project's ids.

Accelerator ids are those of ``catalog-src/accelerators.csv`` (slugs as in the packaged
catalog); ids marked NEW in ``catalog-src/calibration/README.md`` have no catalog row.
"""

from __future__ import annotations

import re

# (pattern on the source's accelerator name, accelerator id); first match wins.
ACCELERATORS: tuple[tuple[str, str], ...] = (
    (r"GB300", "gb300"),
    (r"GB200", "gb200"),
    (r"B200", "b200"),
    (r"GH200.*144", "gh200-144gb"),
    (r"GH200", "gh200-96gb"),
    (r"H200[- ]NVL", "h200-nvl"),
    (r"H200", "h200"),
    (r"H100[- ]NVL", "h100-nvl"),
    (r"H100[- ]PCIe", "h100-pcie"),
    (r"H100", "h100-sxm"),
    (r"A100.*80", "a100-80gb"),
    (r"A100", "a100-40gb"),
    (r"L40S", "l40s"),
    (r"\bL4\b", "l4"),
    (r"RTX PRO 6000 Blackwell Server", "rtx-pro-6000-blackwell-server"),
    (r"MI325X", "mi325x"),
    (r"MI300X", "mi300x"),
    (r"Gaudi\D{0,5}2", "gaudi2"),
    (r"Gaudi\D{0,5}3", "gaudi3"),
    (r"(?i)trillium|v6e", "tpu-v6e"),
    (r"(?i)v5p", "tpu-v5p"),
    (r"(?i)v5e|v5 ?lite", "tpu-v5e"),
)

NEW_IDS = {
    "gb200": "B200 GPU in a GB200 superchip (NVL72 rack), 186 GB per GPU; no catalog row",
    "gb300": "B300 GPU in a GB300 superchip (NVL72 rack); no catalog row",
    "gh200-96gb": "H100 GPU with 96 GB HBM3 in a GH200 superchip; no catalog row",
    "gh200-144gb": "H100-class GPU with 144 GB HBM3e in a GH200 superchip; no catalog row",
    "h200-nvl": "H200 NVL (PCIe card, 141 GB, optional 2/4-way NVLink bridge); no catalog row",
    "h100-nvl": "H100 NVL (PCIe card, 94 GB, optional 2-way NVLink bridge); no catalog row",
    "mi325x": "AMD Instinct MI325X (256 GB HBM3e); no catalog row",
    "rtx-pro-6000-blackwell-server": "RTX PRO 6000 Blackwell Server Edition (96 GB, PCIe); "
    "the catalog has only the Max-Q workstation card",
}


def accelerator_id(named: str) -> str | None:
    for pattern, acc in ACCELERATORS:
        if re.search(pattern, named):
            return acc
    return None


# Link class by the system's stated accelerator interconnect; None = not stated.
def link_class(stated: str | None, acc: str | None, chips_per_node: int) -> tuple[str, str]:
    """(link class, basis). Basis says whether the class is stated or inferred."""
    text = (stated or "").strip()
    low = text.lower()
    if chips_per_node <= 1:
        return "none", "one accelerator per node: no tensor-parallel link"
    if "nvlink" in low:
        return "nvlink", "stated"
    if "xgmi" in low or "infinity" in low:
        return "xgmi", "stated"
    if "ici" in low:
        return "ici", "stated"
    if "neuronlink" in low:
        return "neuronlink", "stated"
    if "pcie" in low:
        return "pcie", "stated"
    if "ethernet" in low or "roce" in low:
        return "ethernet", "stated"
    by_acc = {
        "h100-sxm": "nvlink",
        "h200": "nvlink",
        "b200": "nvlink",
        "gb200": "nvlink",
        "gb300": "nvlink",
        "l40s": "pcie",
        "h100-pcie": "pcie",
        "h100-nvl": "pcie",
        "h200-nvl": "pcie",
        "mi300x": "xgmi",
        "mi325x": "xgmi",
        "tpu-v5e": "ici",
        "tpu-v5p": "ici",
        "tpu-v6e": "ici",
        "gaudi2": "ethernet",
    }
    if acc in by_acc:
        return by_acc[acc], f"inferred from the accelerator (source says {text or 'nothing'!r})"
    return "unknown", f"source says {text or 'nothing'!r}"


# MLPerf model names -> (model, total parameters in billions, active parameters, basis).
MLPERF_MODELS: dict[str, tuple[str, float, float | None]] = {
    "llama2-70b": ("Llama-2-70B-chat", 70.0, None),
    "llama3.1-8b": ("Llama-3.1-8B-Instruct", 8.0, None),
    "llama3.1-405b": ("Llama-3.1-405B-Instruct", 405.0, None),
    "gptj": ("GPT-J-6B", 6.0, None),
    "mixtral-8x7b": ("Mixtral-8x7B-Instruct-v0.1", 47.0, 13.0),
}
