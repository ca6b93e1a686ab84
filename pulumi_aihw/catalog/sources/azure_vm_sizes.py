"""Azure VM sizes as Microsoft's size pages describe them (``catalog-src/azure/
vm_sizes.csv``): the one owner of their hardware facts (accelerator, count, vCPUs,
memory, InfiniBand). Not a price source: the Azure price sources read it to name their
sizes and to describe each size's shape; a source's own hardware columns (the SkyPilot
fork's ``AcceleratorCount 12`` for ND H100 v5) are never used.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from pulumi_aihw.catalog.sources.base import Shape, SourceFiles
from pulumi_aihw.errors import CatalogError

FILE = "azure/vm_sizes.csv"


@dataclass(frozen=True, slots=True)
class VmSize:
    """One row of ``vm_sizes.csv``."""

    size: str
    accelerator: str
    accelerators_per_unit: float
    vcpus: float
    memory_gib: float
    infiniband: str
    """``8x400 Gb/s NDR``; empty for a size without InfiniBand."""
    retail_names: tuple[str, ...]
    """The Retail Prices API's ``skuName`` for the size (``ND96isrMI300Xv5``)."""
    source: str

    def shape(self) -> Shape:
        """The size as a catalog shape; InfiniBand sizes can span VMs (one scale set)."""
        return Shape(
            "azure",
            self.size,
            self.accelerator,
            self.accelerators_per_unit,
            self.vcpus,
            self.memory_gib,
            f"hardware: {self.source}",
            multi_node=bool(self.infiniband),
        )


def _count(row: dict[str, str], line: int) -> float:
    try:
        return round(float(Fraction(row["accelerators_per_unit"])), 6)
    except (ValueError, ZeroDivisionError):
        raise CatalogError(
            f"{FILE} line {line}: {row['size']}: accelerators_per_unit "
            f"'{row['accelerators_per_unit']}' is not a number or a fraction (e.g. 8, 1/6)"
        ) from None


def read_sizes(files: SourceFiles) -> dict[str, VmSize]:
    """``vm_sizes.csv`` by size name."""
    out = {}
    for line, row in enumerate(files.rows(FILE), start=2):
        out[row["size"]] = VmSize(
            size=row["size"],
            accelerator=row["accelerator"],
            accelerators_per_unit=_count(row, line),
            vcpus=float(row["vcpus"]),
            memory_gib=float(row["memory_gib"]),
            infiniband=row["infiniband"],
            retail_names=tuple(n for n in row["retail_names"].split(";") if n),
            source=row["source"],
        )
    return out
