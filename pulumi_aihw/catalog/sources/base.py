"""What a price source hands the catalog build: hardware shapes, where they are offered,
prices and second-source figures. Pure data; each source module turns its files from
``catalog-src/`` into one :class:`SourceResult`.

A *shape* is an offering without its region (``p5.48xlarge``: 8 H100, 192 vCPU); a
*price point* is one price of one shape in one region from one source. The build
(:mod:`pulumi_aihw.catalog.assemble`) joins them: one catalog row per shape and region,
each price from the highest-priority source that has it, every other source's figure
kept as a cross-check.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pulumi_aihw.vocab import Deployment, StrEnum


class PriceKind(StrEnum):
    ON_DEMAND = "on-demand"
    SPOT = "spot"
    CAPACITY_BLOCK = "capacity-block"
    RESERVED_1Y = "reserved-1y"
    RESERVED_3Y = "reserved-3y"


OFFERING_FIELD: dict[PriceKind, str] = {
    PriceKind.ON_DEMAND: "on_demand_usd_per_hour",
    PriceKind.SPOT: "spot_usd_per_hour",
    PriceKind.CAPACITY_BLOCK: "capacity_block_usd_per_hour",
    PriceKind.RESERVED_1Y: "reserved_1y_usd_per_hour",
    PriceKind.RESERVED_3Y: "reserved_3y_usd_per_hour",
}
"""Which :class:`~pulumi_aihw.catalog.models.Offering` field each kind of price fills."""

DATE_FIELD: dict[PriceKind, str] = {
    PriceKind.ON_DEMAND: "as_of",
    PriceKind.SPOT: "spot_as_of",
    PriceKind.CAPACITY_BLOCK: "capacity_block_as_of",
    PriceKind.RESERVED_1Y: "reserved_as_of",
    PriceKind.RESERVED_3Y: "reserved_as_of",
}


@dataclass(frozen=True, slots=True)
class Shape:
    """The region-independent hardware facts of one offering."""

    provider: str
    offering: str
    accelerator: str
    """Accelerator name as in ``accelerators.csv`` (``NVIDIA H100 SXM``)."""
    accelerators_per_unit: float
    vcpus: float | None
    memory_gib: float | None
    source: str
    unit_kind: str = "instance"
    hosts_per_unit: int = 1
    multi_node: bool = False
    deployment: Deployment = Deployment.CLOUD
    extra: tuple[tuple[str, object], ...] = ()
    """Further :class:`Offering` fields (monthly price of a rented server, ...)."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.provider, self.offering)


@dataclass(frozen=True, slots=True)
class PricePoint:
    """One price of one shape in one region, from one source (``None``: not published)."""

    provider: str
    offering: str
    region: str | None
    kind: PriceKind
    usd_per_hour: float | None
    source: str
    """A short label, explained in the document's ``sources`` table."""
    as_of: dt.date
    components: tuple[tuple[str, float, str], ...] = ()
    """(label, usd_per_hour, source) of each summed part, when the price is a sum."""
    note: str = ""
    """Why a price is missing, or a caveat carried into the row's flags."""
    independent: bool = True
    """As a check: False for the same source's earlier figure (history)."""
    corroboration_only: bool = False
    """A secondary figure: compared with the catalog's price, never used as it."""

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.provider, self.offering, self.region)


@dataclass
class SourceResult:
    """Everything one source contributes to the build."""

    name: str
    shapes: list[Shape] = field(default_factory=list)
    offered: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    """(provider, offering) -> regions where the provider lists it as offered."""
    prices: list[PricePoint] = field(default_factory=list)
    """Primary prices: the catalog's figure unless a higher-priority source has one."""
    checks: list[PricePoint] = field(default_factory=list)
    """Second-source figures: compared with the catalog's; used as the price (and said so
    in the row's source) only where no primary source has one."""
    dropped: list[str] = field(default_factory=list)
    """Rows the source's rules left out, each with its reason."""
    labels: dict[str, str] = field(default_factory=dict)
    """Short source label -> full provenance."""
    recognised: set[tuple[str, str]] = field(default_factory=set)
    """Types known but not planned (the reason is in ``dropped``): their prices are ignored."""


class SourceFiles:
    """Read access to ``catalog-src/`` (or a test's folder of the same layout)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def text(self, relpath: str) -> str:
        return (self.root / relpath).read_text(encoding="utf-8")

    def rows(self, relpath: str, delimiter: str = ",") -> list[dict[str, str]]:
        reader = csv.DictReader(io.StringIO(self.text(relpath)), delimiter=delimiter)
        return [{k: (v or "").strip() for k, v in row.items()} for row in reader]

    def exists(self, relpath: str) -> bool:
        return (self.root / relpath).is_file()


@dataclass(frozen=True, slots=True)
class PriceSource:
    """A registered source: its name, what it prices, and its reader."""

    name: str
    provider: str
    reads: tuple[str, ...]
    """The ``catalog-src/`` files it reads (documented in ``catalog-src/SOURCES.md``)."""
    read: Callable[[SourceFiles], SourceResult]


def number(value: str) -> float | None:
    """A CSV cell as a float, ``None`` when empty."""
    return float(value) if value else None


def secondary_figures(
    files: SourceFiles, relpath: str, provider: str, name: str, offering_column: str
) -> SourceResult:
    """A CSV of secondary figures (columns ``region, price_kind, usd_per_hour, source,
    as_of, note`` and the offering's name in ``offering_column``) as cross-checks only:
    compared with the catalog's prices, never used as them. A row without a region is
    skipped (it cannot be compared with a regional price)."""
    out = SourceResult(name)
    for row in files.rows(relpath):
        if not row["region"]:
            continue
        label = row["source"]
        out.labels[label] = f"{label} ({row['note']})"
        out.checks.append(
            PricePoint(
                provider,
                row[offering_column],
                row["region"],
                PriceKind(row["price_kind"]),
                float(row["usd_per_hour"]),
                label,
                dt.date.fromisoformat(row["as_of"]),
                corroboration_only=True,
            )
        )
    return out
