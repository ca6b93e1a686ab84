"""Where in a region each TPU generation and GPU machine series is offered: the zone the
GCP target uses when ``deploy.gcp.zone`` is not set. Pure data with its sources.

The catalog prices regions; a TPU VM or a GPU VM needs a zone. The first zone listed
for a region is the default; ``deploy.gcp.zone`` always wins. A region with no known
zone for the hardware is an error naming ``deploy.gcp.zone``.

Sources:

- TPUs: Google Cloud, "TPU regions and zones" (cloud.google.com/tpu/docs/regions-zones,
  read through the docs search; copies dated 2025-09 to 2026). v6e: us-central1-b,
  us-east1-d, us-east5-a, us-east5-b, europe-west4-a; v5p: us-central1-a, us-east5-a;
  v5e: us-central1-a, us-south1-a, us-west1-c, us-west4-a; v4: us-central2-b. An older
  copy of the page lists v5e in us-east5-a/b/c (the newest marks those zones
  single-tenant); the catalog prices v5e in us-east5 from SkyPilot's row for
  us-east5-a, so that zone is kept.
- GPU VMs: the AvailabilityZone column of the rows the catalog's GCP prices come from,
  ``skypilot-org/skypilot-catalog`` ``catalogs/v8/gcp/vms.csv`` at commit 006059e0
  (read with read_file at offsets 0, 15000 and 936000): a2-highgpu, a2-megagpu,
  a2-ultragpu, a3-highgpu, a3-megagpu, a3-ultragpu, a4-highgpu and g2-standard rows in
  the US regions and europe-west4.
"""

from __future__ import annotations

from pulumi_aihw.targets.gcp.zones_sourced import SOURCED_GPU_ZONES, SOURCED_TPU_ZONES

TPU_ZONES: dict[str, dict[str, tuple[str, ...]]] = {
    "tpu-v4": {"us-central2": ("us-central2-b",)},
    "tpu-v5e": {
        "us-central1": ("us-central1-a",),
        "us-east5": ("us-east5-a", "us-east5-b", "us-east5-c"),
        "us-south1": ("us-south1-a",),
        "us-west1": ("us-west1-c",),
        "us-west4": ("us-west4-a",),
    },
    "tpu-v5p": {"us-central1": ("us-central1-a",), "us-east5": ("us-east5-a",)},
    "tpu-v6e": {
        "us-central1": ("us-central1-b",),
        "us-east1": ("us-east1-d",),
        "us-east5": ("us-east5-a", "us-east5-b"),
        "europe-west4": ("europe-west4-a",),
    },
}
"""TPU accelerator id -> region -> zones offering the generation (default first)."""

_A3_8G = {
    "us-central1": ("us-central1-a", "us-central1-b", "us-central1-c"),
    "us-east4": ("us-east4-a", "us-east4-b", "us-east4-c"),
    "us-east5": ("us-east5-a",),
    "us-west1": ("us-west1-a", "us-west1-b"),
    "us-west4": ("us-west4-a",),
    "europe-west4": ("europe-west4-b", "europe-west4-c"),
}

GPU_ZONES: dict[str, dict[str, tuple[str, ...]]] = {
    "a2-highgpu": {
        "us-central1": ("us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f"),
        "us-east1": ("us-east1-b",),
        "us-west1": ("us-west1-b",),
        "us-west3": ("us-west3-b",),
        "us-west4": ("us-west4-b",),
        "europe-west4": ("europe-west4-a", "europe-west4-b"),
    },
    "a2-megagpu": {
        "us-central1": ("us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f"),
        "europe-west4": ("europe-west4-a", "europe-west4-b"),
    },
    "a2-ultragpu": {
        "us-central1": ("us-central1-a", "us-central1-c"),
        "us-east4": ("us-east4-c",),
        "us-east5": ("us-east5-a", "us-east5-b"),
        "europe-west4": ("europe-west4-a",),
    },
    "a3-highgpu": _A3_8G,
    "a3-megagpu": _A3_8G,
    "a3-ultragpu": {
        "us-central1": ("us-central1-b",),
        "us-east4": ("us-east4-b",),
        "us-east5": ("us-east5-a",),
        "us-south1": ("us-south1-b",),
        "us-west1": ("us-west1-c",),
        "europe-west4": ("europe-west4-a",),
    },
    "a4-highgpu": {
        "us-central1": ("us-central1-b",),
        "us-east1": ("us-east1-b",),
        "us-east4": ("us-east4-b",),
        "us-south1": ("us-south1-b",),
        "us-west2": ("us-west2-c",),
        "us-west3": ("us-west3-b", "us-west3-c"),
        "europe-west4": ("europe-west4-b",),
    },
    "g2-standard": {
        "us-central1": ("us-central1-a", "us-central1-b", "us-central1-c"),
        "us-east1": ("us-east1-b", "us-east1-c", "us-east1-d"),
        "us-east4": ("us-east4-a", "us-east4-c"),
        "us-west1": ("us-west1-a", "us-west1-b", "us-west1-c"),
        "us-west4": ("us-west4-a", "us-west4-c"),
        "europe-west4": ("europe-west4-a", "europe-west4-b", "europe-west4-c"),
    },
}
"""GPU machine series (``a3-highgpu`` of ``a3-highgpu-8g``) -> region -> zones (default first)."""


def _fill(
    table: dict[str, dict[str, tuple[str, ...]]], sourced: dict[str, dict[str, tuple[str, ...]]]
) -> None:
    """Regions the hand-checked table lacks take the zones the price sources list."""
    for key, regions in sourced.items():
        for region, zones in regions.items():
            table.setdefault(key, {}).setdefault(region, zones)


_fill(TPU_ZONES, SOURCED_TPU_ZONES)
_fill(GPU_ZONES, SOURCED_GPU_ZONES)


def machine_series(machine_type: str) -> str:
    """``a3-highgpu-8g`` -> ``a3-highgpu``; ``g2-standard-48`` -> ``g2-standard``;
    ``n1-standard-8+1xnvidia-tesla-t4`` -> ``n1-standard``."""
    return "-".join(machine_type.split("-")[:2])


def known_zones(
    table: dict[str, dict[str, tuple[str, ...]]], key: str, region: str
) -> tuple[str, ...]:
    """The zones ``table`` knows for ``key`` in ``region`` (empty if none)."""
    return table.get(key, {}).get(region, ())


def region_of_zone(zone: str) -> str:
    """``us-central1-b`` -> ``us-central1``."""
    return zone.rsplit("-", 1)[0]
