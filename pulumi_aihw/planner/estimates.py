"""What a plan estimates for one candidate, read in one place: throughput or time to
train with its calibrated range, power with its basis and range, the flags a reader must
see, and the efficiency figures derived from them (tokens per dollar, tokens per kWh, kWh
per run), each with the range its inputs give.

The facts have one owner each: throughput, time to train, their range and calibration
state come from the sizing model (:class:`~pulumi_aihw.planner.sizing.Sizing`); power,
its basis and range from :mod:`pulumi_aihw.planner.power` (the candidate's
:class:`~pulumi_aihw.planner.power.PowerFigure`); prices, your rate and suspect prices
from :mod:`pulumi_aihw.planner.pricing` (on the candidate). Reports, the family
comparison, the objectives and ``aihw explain`` read the derived figures only through
these functions.

Unknown stays ``None``: a figure derived from an unknown price or power is unknown too,
never 0 and never divided into.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pulumi_aihw.planner.assumptions import DAYS_PER_MONTH
from pulumi_aihw.planner.economics import hours_per_day
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.vocab import PowerBasis

if TYPE_CHECKING:  # models imports this module (the JSON of each candidate)
    from pulumi_aihw.planner.models import Candidate


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
class Figure:
    """An estimated figure and, where its inputs have one, its low-high range."""

    value: float | None
    low: float | None = None
    high: float | None = None

    @property
    def ranged(self) -> bool:
        return self.value is not None and self.low is not None and self.high is not None

    def span(self) -> tuple[float, float] | None:
        if self.low is None or self.high is None or self.value is None:
            return None
        return self.low, self.high

    def pair(self, digits: int) -> list[float] | None:
        """``[low, high]`` for JSON (``None`` without a range)."""
        s = self.span()
        return None if s is None else [round(s[0], digits), round(s[1], digits)]


UNKNOWN_FIGURE = Figure(None)


def _ratio(num: Figure, den: Figure, scale: float = 1.0) -> Figure:
    """``num / den x scale``; the range pairs each end with the other's opposite end."""
    if num.value is None or den.value is None or den.value <= 0:
        return UNKNOWN_FIGURE
    value = num.value / den.value * scale
    n_low = num.low if num.low is not None else num.value
    n_high = num.high if num.high is not None else num.value
    d_low = den.low if den.low is not None else den.value
    d_high = den.high if den.high is not None else den.value
    if not (num.ranged or den.ranged) or d_low <= 0:
        return Figure(value)
    return Figure(value, n_low / d_high * scale, n_high / d_low * scale)


def _product(a: Figure, b: Figure) -> Figure:
    if a.value is None or b.value is None:
        return UNKNOWN_FIGURE
    if not (a.ranged or b.ranged):
        return Figure(a.value * b.value)
    lo = (a.low if a.low is not None else a.value) * (b.low if b.low is not None else b.value)
    hi = (a.high if a.high is not None else a.value) * (b.high if b.high is not None else b.value)
    return Figure(a.value * b.value, lo, hi)


def tokens_per_second(c: Candidate) -> Figure:
    """Estimated generated tokens/s of the whole deployment (inference), with the range
    of its family's calibration."""
    s = c.sizing
    if s is None or s.tokens_per_second is None:
        return UNKNOWN_FIGURE
    span = s.tokens_per_second_range
    return Figure(s.tokens_per_second, *(span if span is not None else (None, None)))


def time_to_train_hours(c: Candidate) -> Figure:
    s = c.sizing
    if s is None or s.time_to_train_hours is None:
        return UNKNOWN_FIGURE
    span = s.time_to_train_hours_range
    return Figure(s.time_to_train_hours, *(span if span is not None else (None, None)))


def estimate_range(c: Candidate) -> tuple[float, float] | None:
    """Low and high end of the throughput (inference) or time-to-train (training)
    estimate; ``None`` when the sizing model gives none (no fitted factors)."""
    speed = tokens_per_second(c)
    return speed.span() if speed.value is not None else time_to_train_hours(c).span()


def estimate_label(c: Candidate) -> str:
    """How far to trust the estimate: calibrated (on how many results of which family)
    or uncalibrated, as the sizing model says."""
    s = c.sizing
    if s is None or s.estimate_basis is None:
        return "no estimate"
    return s.estimate_basis.split(": ", 1)[-1]


def calibrated(c: Candidate) -> bool | None:
    """Whether the estimate is calibrated on its own family's measurements (``None``: no
    estimate)."""
    s = c.sizing
    if s is None or s.estimate_basis is None:
        return None
    return "uncalibrated" not in s.estimate_basis


def power(c: Candidate) -> Figure:
    """The candidate's power in kW with the range of an estimate or measurement (the
    :class:`~pulumi_aihw.planner.power.PowerFigure` the planner computed)."""
    pw = c.power
    if pw.kw is None:
        # owned servers carry only ``power_kw`` (their inventory's figure)
        return Figure(c.power_kw)
    return Figure(pw.kw, pw.low_kw, pw.high_kw)


def power_basis(c: Candidate) -> PowerBasis:
    if c.power.kw is None:
        return PowerBasis.PUBLISHED if c.power_kw is not None else PowerBasis.UNKNOWN
    return c.power.basis


def usd_total(c: Candidate) -> Figure:
    """Training: the run's cost, ranging with its time (price x hours)."""
    if c.usd_total is None:
        return UNKNOWN_FIGURE
    hours = time_to_train_hours(c)
    span = hours.span()
    if span is None or not hours.value:
        return Figure(c.usd_total)
    per_hour = c.usd_total / hours.value
    return Figure(c.usd_total, per_hour * span[0], per_hour * span[1])


@dataclass(frozen=True, slots=True)
class Flag:
    """Something about a candidate's figures a reader must see before trusting them."""

    code: str
    """Short name: ``suspect price``, ``your rate``, ``power est.``, ..."""
    text: str
    """The full note."""


def flags(c: Candidate) -> tuple[Flag, ...]:
    """Suspect prices, your own rate, estimated or measured power, unknown power and an
    uncalibrated estimate: each with its note."""
    out = []
    if c.suspect:
        checks = [f for f in c.offering.flags if f.startswith(f"price check: {c.price_basis} ")]
        out.append(Flag("suspect price", checks[0] if checks else "disagrees with a second source"))
    if c.your_rate:
        out.append(Flag("your rate", c.your_rate))
    basis = power_basis(c)
    if basis is PowerBasis.ESTIMATE:
        out.append(Flag("power est.", f"{c.accelerator.name}: {c.power.label()}"))
    elif basis is PowerBasis.MEASURED:
        out.append(Flag("power measured", f"{c.accelerator.name}: {c.power.label()}"))
    elif basis is PowerBasis.UNKNOWN and c.sizing is not None:
        out.append(Flag("power unknown", f"no power figure for {c.accelerator.name}"))
    if calibrated(c) is False:
        out.append(Flag("uncalibrated", estimate_label(c)))
    return tuple(out)


def million_tokens_per_usd(c: Candidate, basis: MetricBasis) -> Figure:
    """Inference: million tokens at the estimated throughput over the hours served in a
    month, per dollar of that month. Training: million training tokens per dollar of the
    run. Ranges with the throughput (or the run's time)."""
    if basis.training_tokens is not None:
        return _ratio(Figure(basis.training_tokens / 1e6), usd_total(c))
    if c.usd_per_month is None:
        return UNKNOWN_FIGURE
    served_s = 3600 * basis.hours_per_day * DAYS_PER_MONTH
    return _ratio(tokens_per_second(c), Figure(c.usd_per_month), served_s / 1e6)


def run_kwh(c: Candidate) -> Figure:
    """Training: energy of the whole run (power x time to train), both ranges combined."""
    return _product(power(c), time_to_train_hours(c))


def tokens_per_kwh(c: Candidate, basis: MetricBasis) -> Figure:
    """Inference: tokens per kWh at the estimated throughput. Training: training tokens
    per kWh of the run."""
    if basis.training_tokens is not None:
        return _ratio(Figure(basis.training_tokens), run_kwh(c))
    return _ratio(tokens_per_second(c), power(c), 3600)


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def money(c: Candidate) -> float | None:
    """What the candidate costs as the cost objective compares it: the run (training with
    a known time), else a month."""
    return c.usd_total if c.usd_total is not None else c.usd_per_month


def brief_dict(c: Candidate) -> dict[str, Any]:
    """A candidate in a few fields, for reports that compare two (JSON)."""
    usd = money(c)
    pw = power(c)
    return {
        "provider": c.provider,
        "offering": c.offering.offering,
        "region": c.region,
        "units": c.units,
        "usd": _r(usd, 2),
        "usd_per_month": _r(c.usd_per_month, 2),
        "power_kw": _r(pw.value, 3),
        "power_basis": str(power_basis(c)),
        "lock_in": str(c.lock_in.level),
        "suspect_price": c.suspect,
        "your_rate": c.your_rate,
        "feasible": c.feasible,
    }


def _figure(f: Figure, digits: int) -> dict[str, float | None]:
    """Rounded finer than any report shows them (a report rounding a rounded figure again
    must print what the plan prints)."""
    return {"value": _r(f.value, digits), "low": _r(f.low, digits), "high": _r(f.high, digits)}


def _label(c: Candidate) -> str:
    """``0.90 kW``; ``~0.77 kW est. (0.48-0.77)``; ``power unknown``."""
    if c.power.kw is not None:
        return c.power.label()
    return "power unknown" if c.power_kw is None else f"{c.power_kw:,.2f} kW"


def estimate_dict(c: Candidate, basis: MetricBasis) -> dict[str, Any]:
    """The ``estimate`` object of a candidate in JSON output: every derived figure as
    ``{value, low, high}`` (``low``/``high`` ``null`` without a range; ``value``
    ``null`` when unknown)."""
    training = basis.training_tokens is not None
    return {
        "tokens_per_second": _figure(tokens_per_second(c), 3),
        "time_to_train_hours": _figure(time_to_train_hours(c), 3),
        "usd_total": _figure(usd_total(c), 2) if training else None,
        "calibration": estimate_label(c),
        "calibrated": calibrated(c),
        "million_tokens_per_usd": _figure(million_tokens_per_usd(c, basis), 6),
        "tokens_per_kwh": _figure(tokens_per_kwh(c, basis), 0),
        "run_kwh": _figure(run_kwh(c), 3) if training else None,
        "power": {**_figure(power(c), 3), "basis": str(power_basis(c)), "label": _label(c)},
        "flags": [{"code": f.code, "text": f.text} for f in flags(c)],
    }
