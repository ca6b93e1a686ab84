"""The registered price sources, in priority order: for each price of each row the
first source that has it gives the catalog's figure, later ones are cross-checks.

Adding a cloud's price source: write one module here whose ``read(files)``
returns a :class:`~pulumi_aihw.catalog.sources.base.SourceResult` (shapes, offered
regions, prices, second-source checks), add its files to ``catalog-src/`` with their
provenance in ``catalog-src/SOURCES.md``, and register it below. ``docs/extending.md``
walks through it.
"""

from __future__ import annotations

from pulumi_aihw.catalog.sources import (
    aws_capacity_blocks,
    aws_instances,
    aws_skypilot,
    aws_vantage,
    azure_retail,
    azure_secondary,
    azure_skypilot,
    azure_vm_sizes,
    gcp_cocalc,
    gcp_cyclenerd,
    gcp_machines,
    gcp_n1_attached,
    gcp_secondary,
    gcp_tpu,
)
from pulumi_aihw.catalog.sources.base import PriceSource, SourceFiles, SourceResult

PRICE_SOURCES: tuple[PriceSource, ...] = (
    PriceSource(
        "aws-instances", "aws", (aws_instances.FACTS, aws_instances.REGIONS), aws_instances.read
    ),
    PriceSource("aws-vantage", "aws", (aws_vantage.FILE,), aws_vantage.read),
    PriceSource(
        "aws-capacity-blocks",
        "aws",
        (aws_capacity_blocks.CURRENT, aws_capacity_blocks.HISTORY),
        aws_capacity_blocks.read,
    ),
    PriceSource("aws-skypilot", "aws", (aws_skypilot.FILE,), aws_skypilot.read),
    PriceSource(
        "gcp-machines",
        "gcp",
        (
            gcp_machines.FLAT,
            gcp_machines.MACHINE_TYPES,
            gcp_machines.MACHINE_REGIONS,
            gcp_machines.GPU_REGIONS,
        ),
        gcp_machines.read,
    ),
    PriceSource("gcp-cyclenerd", "gcp", (gcp_cyclenerd.FILE,), gcp_cyclenerd.read),
    PriceSource("gcp-cocalc", "gcp", (gcp_cocalc.FILE,), gcp_cocalc.read),
    PriceSource(
        "gcp-n1-attached",
        "gcp",
        (gcp_n1_attached.HOSTS, gcp_n1_attached.SKYPILOT, gcp_cocalc.FILE),
        gcp_n1_attached.read,
    ),
    PriceSource("gcp-tpu", "gcp", (gcp_tpu.FILE,), gcp_tpu.read),
    PriceSource("gcp-secondary", "gcp", (gcp_secondary.FILE,), gcp_secondary.read),
    PriceSource(
        "azure-retail-eu", "azure", (azure_vm_sizes.FILE, azure_retail.FILE), azure_retail.read
    ),
    PriceSource(
        "azure-skypilot-fork",
        "azure",
        (azure_vm_sizes.FILE, azure_skypilot.FILE),
        azure_skypilot.read,
    ),
    PriceSource("azure-secondary", "azure", (azure_secondary.FILE,), azure_secondary.read),
)


def read_all(files: SourceFiles) -> list[SourceResult]:
    """Every registered source's result, in priority order."""
    return [s.read(files) for s in PRICE_SOURCES]


__all__ = ["PRICE_SOURCES", "PriceSource", "SourceFiles", "SourceResult", "read_all"]
