"""Typed, immutable catalog records. Every number carries its unit in its name.

Unknown values are ``None``, never 0: a price or power figure the sources do not
give stays unknown and the planner says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from pulumi_aihw.vocab import Deployment, Family, Framework, LinkClass, PowerBasis, Provider

Measure = Annotated[float, Field(gt=0, le=1e9)]
"""A published hardware figure: positive and finite (a 0 would divide by zero)."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)


class CrossCheck(_Record):
    """A price compared with a second, independent source."""

    kind: str
    """Which price: ``on-demand``, ``spot``, ``reserved-1y``, ``reserved-3y`` or
    ``capacity-block``."""
    usd_per_hour: float
    """The catalog's price (from the row's primary source)."""
    other_usd_per_hour: float
    other_source: str
    other_as_of: dt.date
    difference_pct: float
    """``|a - b| / min(a, b)`` in percent."""
    disagrees: bool
    """Over the build's tolerance (5 %): the row is flagged and ranks as suspect."""
    independent: bool = True
    """False for the same source's earlier figure (history, never a disagreement)."""

    def describe(self) -> str:
        if not self.independent:
            return (
                f"{self.kind} ${self.usd_per_hour:,.4g}/h; "
                f"earlier ${self.other_usd_per_hour:,.4g}/h "
                f"({self.other_source}, {self.other_as_of})"
            )
        verdict = "DISAGREES" if self.disagrees else "agrees"
        return (
            f"{self.kind} ${self.usd_per_hour:,.4g}/h {verdict} with {self.other_source} "
            f"(${self.other_usd_per_hour:,.4g}/h, {self.difference_pct:.1f}% apart)"
        )


class PriceComponent(_Record):
    """One part of a price the build summed (host VM, accelerators, bundled disk)."""

    kind: str
    """Which price the part belongs to: ``on-demand``, ``spot``, ..."""
    label: str
    usd_per_hour: float
    source: str


class Accelerator(_Record):
    """One accelerator chip or card, as its vendor's sheets describe it."""

    id: str
    """Stable slug, e.g. ``h100-sxm``, ``tpu-v5e``, ``inferentia2``."""
    name: str
    """Display name, e.g. ``NVIDIA H100 SXM``."""
    aliases: tuple[str, ...] = ()
    """Other names users type (``h100``, ``inf2``, ``trillium``)."""
    vendor: str
    family: Family
    memory_gib: Measure | None
    """Accelerator memory per chip, as printed by the source (GB or GiB: see notes)."""
    memory_bandwidth_gbps: Measure | None
    """Memory bandwidth per chip in GB/s (Neuron sources print GiB/s)."""
    bf16_dense_tflops: Measure | None
    """Dense (no sparsity) BF16 peak, TFLOPS."""
    fp8_dense_tflops: Measure | None
    """Dense FP8 peak, TFLOPS; ``None`` where the chip has no FP8 or it is unpublished."""
    tdp_watts: Measure | None
    """Thermal design power per chip; ``None`` where unpublished (recent TPUs, Inferentia)."""
    tdp_is_measured: bool = False
    """True where ``tdp_watts`` is a measured maximum rather than a rated TDP (TPU v4)."""
    power_watts: float | None = None
    """Power per chip the planner uses: a published TDP, a measured mean or an estimate
    (``power_basis`` says which); ``None`` only where no basis exists at all."""
    power_low_watts: float | None = None
    power_high_watts: float | None = None
    """Range of a measured or estimated figure (or of two conflicting published ones);
    power caps compare the high end."""
    power_basis: PowerBasis = PowerBasis.UNKNOWN
    power_method: str = ""
    """How the figure was obtained (the arithmetic, for an estimate)."""
    power_source: str = ""
    trains: bool
    """Whether the chip is built for training (Inferentia is inference-only)."""
    frameworks: tuple[Framework, ...]
    """Frameworks the chip runs natively."""
    vendor_sdk: str
    """The software stack the chip needs: CUDA, ROCm, Neuron SDK, XLA/libtpu, SynapseAI."""
    interconnect: str | None = None
    source: str
    as_of: dt.date
    int8_dense_tops: float | None = None
    """Dense INT8 peak, TOPS (catalog-src/accelerator_performance.csv)."""
    fp4_dense_tflops: float | None = None
    """Dense FP4 peak, TFLOPS; ``None`` where the chip has none or it is unpublished."""
    link_class: LinkClass | None = None
    """How a unit's chips are linked for tensor parallelism."""
    efficiency_family: str | None = None
    """Which fitted efficiency factors apply (``nvidia-gpu``, ``tpu-v5p``, ...)."""


class Offering(_Record):
    """One thing a provider sells in one region, priced per unit.

    A unit is an instance (cloud VM), a slice (TPU) or a server (bare metal).
    Prices are normalized to USD per unit-hour; monthly-rented servers keep their
    native monthly price and currency, converted by the planner.
    """

    provider: Provider
    offering: str
    """The provider's own name: ``p5.48xlarge``, ``a3-highgpu-8g``, ``v5litepod-8``, ``GEX63``."""
    deployment: Deployment
    accelerator_id: str
    accelerators_per_unit: float = Field(gt=0, le=100_000)
    """Chips or cards per unit; fractional for shared GPUs (``g6f``: 0.25)."""
    unit_kind: str
    """``instance``, ``slice`` or ``server``."""
    hosts_per_unit: int = Field(default=1, ge=1, le=100_000)
    """Host VMs/servers behind one unit (multi-host TPU slices have several)."""
    vcpus: Measure | None = None
    memory_gib: Measure | None = None
    """Host memory per unit."""
    region: str | None
    """Cloud region, or a bare-metal location; ``None`` where the source gives none."""
    on_demand_usd_per_hour: float | None = Field(default=None, gt=0)
    spot_usd_per_hour: float | None = Field(default=None, gt=0)
    capacity_block_usd_per_hour: float | None = Field(default=None, gt=0)
    capacity_block_as_of: dt.date | None = None
    """Date of the capacity-block price, which comes from its own source."""
    spot_as_of: dt.date | None = None
    """Date of the spot price (spot prices move daily and come from their own source)."""
    reserved_1y_usd_per_hour: float | None = Field(default=None, gt=0)
    """1-year commitment (AWS standard RI, no upfront; GCP resource-based CUD) per hour."""
    reserved_3y_usd_per_hour: float | None = Field(default=None, gt=0)
    reserved_as_of: dt.date | None = None
    monthly_price: float | None = Field(default=None, gt=0)
    """Monthly rent in ``price_currency`` for monthly-billed servers."""
    price_currency: str = "USD"
    setup_fee: float | None = Field(default=None, ge=0)
    """One-time setup fee in ``price_currency``."""
    requires_order: bool = False
    """Rented dedicated servers must be ordered from the provider before enrollment."""
    multi_node: bool = False
    """Can span several units for one job (EFA, GPUDirect, TPU ICI/multislice).
    Cloud instances: ``catalog-src/instance_facts.csv``; TPU slices: always."""
    efa_first_card: int = Field(default=0, ge=0)
    """AWS: the first network card that carries an EFA (p6-b300's card 0 is ENA only)."""
    efa_cards: int = Field(default=0, ge=0)
    """AWS: how many consecutive network cards carry an EFA (0: no EFA). From EC2
    ``DescribeInstanceTypes`` (``catalog-src/instance_facts.csv``)."""
    capacity_blocks: bool = False
    """AWS: sold as EC2 Capacity Blocks for ML (``SupportedUsageClasses`` has
    ``capacity-block``), whether or not the catalog has a block price."""
    flags: tuple[str, ...] = ()
    """Data-quality warnings carried from the source notes (suspect or incomplete prices)."""
    suspect_prices: tuple[str, ...] = ()
    """Kinds of price (``on-demand``, ``spot``, ...; ``all``) that disagree with a second
    source or are known to be wrong: a candidate priced by one ranks behind unflagged
    ones at equal or near price."""
    cross_checks: tuple[CrossCheck, ...] = ()
    components: tuple[PriceComponent, ...] = ()
    """The parts of a price the build summed; the build check re-adds them."""
    source: str
    as_of: dt.date

    @property
    def key(self) -> str:
        """Unique key: ``provider:offering@region``."""
        return f"{self.provider}:{self.offering}@{self.region or '-'}"

    @property
    def suspect(self) -> bool:
        return bool(self.suspect_prices)

    def is_suspect(self, kind: str) -> bool:
        """Whether the price of this kind (``on-demand``, ``spot``, ...) is suspect."""
        return kind in self.suspect_prices or "all" in self.suspect_prices

    @property
    def efa_card_indexes(self) -> tuple[int, ...]:
        """Network card indexes that carry an EFA, in order."""
        return tuple(range(self.efa_first_card, self.efa_first_card + self.efa_cards))

    @property
    def is_fractional(self) -> bool:
        return self.accelerators_per_unit < 1


class InferenceFactors(_Record):
    """Achieved fractions of the datasheet for one accelerator family, fitted on measured
    LLM inference (catalog-src/calibration, tools/fit_efficiency.py)."""

    family: str
    """Efficiency family, or ``*`` for the pooled fit used by uncalibrated families."""
    bandwidth_fraction: float = Field(gt=0, le=1.5)
    """Of datasheet memory bandwidth, during decode."""
    compute_fraction: float = Field(gt=0, le=1.5)
    """Of dense peak at the model's precision, in prefill and compute-bound decode."""
    rows: int = Field(ge=0)
    ratio_low: float = Field(gt=0)
    """10th percentile of measured / estimated over the rows it was fitted on."""
    ratio_high: float = Field(gt=0)
    """90th percentile of measured / estimated over the same rows."""
    fitted_from: tuple[str, ...] = ()
    """Row ids of catalog-src/calibration/inference_measurements.csv."""


class TrainingFactors(_Record):
    """Model FLOPs utilisation for one family and method, fitted on measured training."""

    family: str
    method: str
    """``pretraining`` (also full fine-tuning) or ``lora``."""
    precision_class: str
    """``16-bit``, ``8-bit`` or ``4-bit`` (MFU is relative to that precision's peak), or
    ``any`` for a pooled fallback."""
    mfu: float = Field(gt=0, le=1)
    rows: int = Field(ge=0)
    ratio_low: float = Field(gt=0)
    ratio_high: float = Field(gt=0)
    fitted_from: tuple[str, ...] = ()
    """Row ids of catalog-src/calibration/training_measurements.csv."""


class LinkFactors(_Record):
    """Achieved all-reduce latency and bandwidth of one link class (fitted)."""

    link_class: LinkClass
    latency_us: float = Field(ge=0)
    bandwidth_gbps: float = Field(gt=0)
    """GB/s per all-reduce between the chips of a tensor-parallel group."""
    rows: int = Field(ge=0)
    fitted_from: tuple[str, ...] = ()


class Efficiency(_Record):
    """Every fitted efficiency factor, with the rows each came from."""

    inference: tuple[InferenceFactors, ...]
    training: tuple[TrainingFactors, ...]
    links: tuple[LinkFactors, ...]
    latency_slo_fraction: float = Field(gt=0, le=1)
    """Mean latency allowed, as a fraction of a latency objective (MLPerf's are p99)."""
    training_scale_out: float = Field(ge=0)
    """MFU kept at ``chips``: ``1 / (1 + this x log2(chips / 8))``."""
    training_pcie_factor: float = Field(gt=0, le=1)
    """MFU multiplier for chips linked only by PCIe."""
    evaluation_allowance: float = Field(ge=0)
    """Wall time added to training for evaluation (median share of MLPerf runs)."""
    source: str


class CatalogDocument(_Record):
    """The on-disk catalog snapshot (``catalog.json``)."""

    version: int = 1
    as_of: dt.date
    """Date of the newest row: the snapshot's date."""
    built_from: str
    """Where the snapshot was built from (the packaged build, or a refresh)."""
    accelerators: tuple[Accelerator, ...]
    offerings: tuple[Offering, ...]
    dropped: tuple[str, ...] = ()
    """Source rows the build rejected, each with its reason."""
    sources: dict[str, str] = Field(default_factory=dict)
    """Short source labels used in rows -> full provenance (repository, commit, path)."""
    efficiency: Efficiency | None = None
    """Fitted efficiency factors; ``None`` in snapshots built without them."""
