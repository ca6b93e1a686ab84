"""GCP prices from Cloud Billing Catalog API SKUs (Compute Engine), for ``aihw catalog
refresh --gcp``. Pure: the SKUs come in as the API's JSON objects.

A GPU VM's price is a sum the refresh keeps part by part: vCPUs x the machine series'
core SKU + memory GiB x its RAM SKU + GPUs x the GPU SKU (N1 VMs: the attached GPUs'
SKU), per region and usage type (on-demand, spot, 1- and 3-year commitment). Bundled
local SSD is not included (under 1 % of an A3 price); TPU SKUs are not mapped yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.catalog.models import Offering
from pulumi_aihw.catalog.refresh import PriceQuote

COMPUTE_SERVICE = "6F81-5844-456A"
"""The Compute Engine service id in the Cloud Billing Catalog."""

USAGE_KINDS = {
    "OnDemand": "on-demand",
    "Preemptible": "spot",
    "Commit1Yr": "reserved-1y",
    "Commit3Yr": "reserved-3y",
}

# Machine type prefix -> the series word in its core and RAM SKU descriptions.
SERIES = {
    "a2-": "A2",
    "a3-": "A3",
    "g2-": "G2",
    "g4-": "G4",
    "n1-": "N1 Predefined",
}

# Accelerator id -> the GPU SKU description (without "running in ..."); A3 Mega has its own.
GPU_SKUS = {
    "a100-40gb": "Nvidia Tesla A100 GPU",
    "a100-80gb": "Nvidia A100 80GB GPU",
    "h100-sxm": "Nvidia H100 80GB GPU",
    "h200": "Nvidia H200 141GB GPU",
    "l4": "Nvidia L4 GPU",
    "t4": "Nvidia Tesla T4 GPU",
    "v100-16gb": "Nvidia Tesla V100 GPU",
    "rtx-pro-6000-blackwell-server": "Nvidia RTX PRO 6000 GPU",
}
MEGA_GPU_SKU = "Nvidia H100 80GB Mega GPU"

SOURCE = "Google Cloud Billing Catalog API (Compute Engine SKUs)"


@dataclass(frozen=True, slots=True)
class SkuPrice:
    description: str
    kind: str
    regions: frozenset[str]
    usd_per_unit: float
    unit: str
    sku_id: str


def _usd(rate: Mapping[str, Any]) -> float:
    price = rate.get("unitPrice", {})
    return float(price.get("units") or 0) + float(price.get("nanos") or 0) / 1e9


def parse_skus(skus: Iterable[Mapping[str, Any]]) -> list[SkuPrice]:
    """The usable SKUs: USD, a known usage type, a first-tier hourly rate."""
    out = []
    for sku in skus:
        kind = USAGE_KINDS.get(sku.get("category", {}).get("usageType", ""))
        info = (sku.get("pricingInfo") or [{}])[0].get("pricingExpression", {})
        rates = info.get("tieredRates") or []
        if kind is None or not rates:
            continue
        if rates[-1].get("unitPrice", {}).get("currencyCode", "USD") != "USD":
            continue
        out.append(
            SkuPrice(
                description=str(sku.get("description", "")),
                kind=kind,
                regions=frozenset(sku.get("serviceRegions", [])),
                usd_per_unit=_usd(rates[-1]),
                unit=str(info.get("usageUnit", "")),
                sku_id=str(sku.get("skuId", "")),
            )
        )
    return out


def _find(
    skus: list[SkuPrice], pattern: re.Pattern[str], kind: str, region: str
) -> SkuPrice | None:
    for s in skus:
        if s.kind == kind and region in s.regions and pattern.search(s.description):
            return s
    return None


def _words(name: str) -> re.Pattern[str]:
    return re.compile(rf"(^|\s|:\s){re.escape(name)}(\s|$)", re.IGNORECASE)


def _parts(o: Offering, accelerator_sku: str) -> list[tuple[str, re.Pattern[str], float]]:
    series = next((w for p, w in SERIES.items() if o.offering.startswith(p)), None)
    if series is None or o.vcpus is None or o.memory_gib is None:
        return []
    return [
        (f"{o.vcpus:g} vCPU x {series} core", _words(f"{series} Instance Core"), o.vcpus),
        (f"{o.memory_gib:g} GiB x {series} RAM", _words(f"{series} Instance Ram"), o.memory_gib),
        (
            f"{o.accelerators_per_unit:g} x {accelerator_sku}",
            _words(accelerator_sku),
            o.accelerators_per_unit,
        ),
    ]


def quotes_for(
    offerings: Iterable[Offering], skus: list[SkuPrice], kinds: Iterable[str] = USAGE_KINDS.values()
) -> list[PriceQuote]:
    """A quote per GCP VM row and usage kind: the sum of its SKU parts, or why not."""
    out = []
    for o in offerings:
        if str(o.provider) != "gcp" or o.unit_kind != "instance" or o.region is None:
            continue
        gpu = (
            MEGA_GPU_SKU if o.offering.startswith("a3-megagpu") else GPU_SKUS.get(o.accelerator_id)
        )
        parts = _parts(o, gpu) if gpu else []
        for kind in kinds:
            out.append(_quote(o, parts, skus, kind))
    return out


def _quote(
    o: Offering, parts: list[tuple[str, re.Pattern[str], float]], skus: list[SkuPrice], kind: str
) -> PriceQuote:
    where = f"{SOURCE}, {o.offering} {o.region}, {kind}"
    if not parts:
        return PriceQuote(
            "gcp", o.offering, str(o.region), None, where,
            problem="no SKU mapping for this machine type", kind=kind,
        )  # fmt: skip
    found = []
    for label, pattern, amount in parts:
        sku = _find(skus, pattern, kind, str(o.region))
        if sku is None:
            return PriceQuote(
                "gcp", o.offering, str(o.region), None, where,
                problem=f"no {kind} SKU for '{label}' in {o.region}", kind=kind,
            )  # fmt: skip
        found.append((label, round(sku.usd_per_unit * amount, 6), sku.sku_id))
    total = round(sum(p[1] for p in found), 6)
    ids = ", ".join(p[2] for p in found)
    return PriceQuote(
        "gcp",
        o.offering,
        str(o.region),
        total,
        f"{where} (SKUs {ids}; local SSD not included)",
        kind=kind,
        components=tuple((label, usd) for label, usd, _ in found),
    )
