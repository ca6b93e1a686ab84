"""What a plan estimates for one candidate, read in one place: throughput or time to
train with its range, power with its basis, the flags a reader must see, and the
efficiency figures derived from them (tokens per dollar, tokens per kWh, kWh per run).

Reports, the family comparison, the objectives and ``aihw explain`` read estimates only
through these functions, so a richer sizing model (a calibrated range per estimate) or
richer catalog data (a power basis and range per accelerator, cross-checked and reserved
prices) changes one function here and nothing else.

Unknown stays ``None``: a figure derived from an unknown price or power is unknown too,
never 0 and never divided into.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pulumi_aihw.planner.assumptions import DAYS_PER_MONTH
from pulumi_aihw.planner.economics import hours_per_day
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import StrEnum

if TYPE_CHECKING:  # models imports this module (the JSON of each candidate)
    from pulumi_aihw.planner.models import Candidate

NO_RANGE = "no range: first-principles estimate, not calibrated against measurements"
"""What every estimate says about its uncertainty until the sizing model gives a range."""


class PowerBasis(StrEnum):
    """Where a power figure comes from."""

    PUBLISHED = "published"
    MEASURED = "measured"
    ESTIMATE = "estimate"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class MetricBasis:
    """What turns a candidate's rates into per-dollar and per-kWh figures."""

    hours_per_day: float
    """Hours a day the workload serves (inference; 24 for training)."""
    training_tokens: float | None = None
    """Training: tokens of the whole run."""


def metric_basis(spec: WorkloadSpec) -> MetricBasis:
    tokens = spec.training.tokens_billion * 1e9 if spec.training is not None else None
    return MetricBasis(hours_per_day(spec), tokens)


@dataclass(frozen=True, slots=True)
class PowerInfo:
    """``power_kw`` with where it comes from and, for an estimate, its range."""

    kw: float | None
    basis: PowerBasis
    low_kw: float | None = None
    high_kw: float | None = None

    def label(self) -> str:
        if self.kw is None:
            return "unknown"
        if self.basis is PowerBasis.ESTIMATE:
            span = (
                f" ({self.low_kw:,.2f}-{self.high_kw:,.2f})"
                if self.low_kw is not None and self.high_kw is not None
                else ""
            )
            return f"~{self.kw:,.2f} est.{span}"
        suffix = " measured" if self.basis is PowerBasis.MEASURED else ""
        return f"{self.kw:,.2f}{suffix}"


def tokens_per_second(c: Candidate) -> float | None:
    """Estimated generated tokens/s of the whole deployment (inference)."""
    return None if c.sizing is None else c.sizing.tokens_per_second


def time_to_train_hours(c: Candidate) -> float | None:
    return None if c.sizing is None else c.sizing.time_to_train_hours


def estimate_range(c: Candidate) -> tuple[float, float] | None:
    """Low and high end of the throughput (inference) or time-to-train (training)
    estimate. ``None``: the sizing model gives no range yet (every estimate today is a
    first-principles figure; see :data:`NO_RANGE`)."""
    return None


def estimate_label(c: Candidate) -> str:
    """How far to trust the estimate: its range's basis, or that it has none."""
    return NO_RANGE if estimate_range(c) is None else "calibrated range"


def power_basis(c: Candidate) -> PowerInfo:
    """The candidate's power and its basis (a published TDP, or the measured maximum the
    catalog stores for TPU v4); ``unknown`` where no figure exists."""
    if c.power_kw is None:
        return PowerInfo(None, PowerBasis.UNKNOWN)
    basis = PowerBasis.MEASURED if c.accelerator.tdp_is_measured else PowerBasis.PUBLISHED
    return PowerInfo(c.power_kw, basis)


@dataclass(frozen=True, slots=True)
class Flag:
    """Something about a candidate's figures a reader must see before trusting them."""

    code: str
    """Short name for a table cell: ``suspect price``, ``power est.``, ..."""
    text: str
    """The full note."""


def flags(c: Candidate) -> tuple[Flag, ...]:
    """Suspect prices, estimated or measured power, reserved priced at on-demand,
    unknown power: each with its note."""
    out = [Flag("suspect price", f) for f in c.offering.flags if f.startswith("suspect price")]
    info = power_basis(c)
    if info.basis is PowerBasis.ESTIMATE:
        out.append(Flag("power est.", "power is an estimate with a range, not a published TDP"))
    elif info.basis is PowerBasis.MEASURED:
        out.append(
            Flag("power measured", f"{c.accelerator.name}: a measured maximum, not a rated TDP")
        )
    elif info.basis is PowerBasis.UNKNOWN and c.sizing is not None:
        out.append(Flag("power unknown", f"no published power figure for {c.accelerator.name}"))
    if c.price_basis == "reserved":
        out.append(
            Flag(
                "reserved at on-demand",
                "reserved prices are not in the catalog: the on-demand price is an upper bound",
            )
        )
    return tuple(out)


def million_tokens_per_usd(c: Candidate, basis: MetricBasis) -> float | None:
    """Inference: million tokens at the estimated throughput over the hours served in a
    month, per dollar of that month. Training: million training tokens per dollar of the
    run."""
    if basis.training_tokens is not None:
        if c.usd_total is None or c.usd_total <= 0:
            return None
        return basis.training_tokens / 1e6 / c.usd_total
    tps = tokens_per_second(c)
    if tps is None or c.usd_per_month is None or c.usd_per_month <= 0:
        return None
    return tps * 3600 * basis.hours_per_day * DAYS_PER_MONTH / 1e6 / c.usd_per_month


def run_kwh(c: Candidate) -> float | None:
    """Training: energy of the whole run (power x time to train)."""
    hours = time_to_train_hours(c)
    if hours is None or c.power_kw is None:
        return None
    return c.power_kw * hours


def tokens_per_kwh(c: Candidate, basis: MetricBasis) -> float | None:
    """Inference: tokens per kWh at the estimated throughput. Training: training tokens
    per kWh of the run."""
    if basis.training_tokens is not None:
        kwh = run_kwh(c)
        return None if kwh is None or kwh <= 0 else basis.training_tokens / kwh
    tps = tokens_per_second(c)
    if tps is None or c.power_kw is None or c.power_kw <= 0:
        return None
    return tps * 3600 / c.power_kw


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def money(c: Candidate) -> float | None:
    """What the candidate costs as the cost objective compares it: the run (training with
    a known time), else a month."""
    return c.usd_total if c.usd_total is not None else c.usd_per_month


def brief_dict(c: Candidate) -> dict[str, Any]:
    """A candidate in a few fields, for reports that compare two (JSON)."""
    usd = money(c)
    return {
        "provider": c.provider,
        "offering": c.offering.offering,
        "region": c.region,
        "units": c.units,
        "usd": _r(usd, 2),
        "usd_per_month": _r(c.usd_per_month, 2),
        "power_kw": _r(c.power_kw, 3),
        "lock_in": str(c.lock_in.level),
        "feasible": c.feasible,
    }


def estimate_dict(c: Candidate, basis: MetricBasis) -> dict[str, Any]:
    """The ``estimate`` object of a candidate in JSON output."""
    span = estimate_range(c)
    training = basis.training_tokens is not None
    info = power_basis(c)
    return {
        "tokens_per_second": _r(tokens_per_second(c), 1),
        "tokens_per_second_range": None if training or span is None else [_r(v, 1) for v in span],
        "time_to_train_hours": _r(time_to_train_hours(c), 2),
        "time_to_train_hours_range": None if not training or span is None else list(span),
        "uncertainty": estimate_label(c),
        "million_tokens_per_usd": _r(million_tokens_per_usd(c, basis), 4),
        "tokens_per_kwh": _r(tokens_per_kwh(c, basis), 0),
        "run_kwh": _r(run_kwh(c), 1),
        "power": {
            "kw": _r(info.kw, 3),
            "basis": str(info.basis),
            "low_kw": _r(info.low_kw, 3),
            "high_kw": _r(info.high_kw, 3),
        },
        "flags": [{"code": f.code, "text": f.text} for f in flags(c)],
    }
