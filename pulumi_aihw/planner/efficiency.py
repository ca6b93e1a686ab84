"""Which fitted efficiency factors apply to an accelerator, and how sure they are.

The factors live in the catalog (:class:`~pulumi_aihw.catalog.models.Efficiency`, fitted
by ``tools/fit_efficiency.py`` on catalog-src/calibration). A family without calibration
rows uses the pooled fit (family ``*``) and says so; a catalog without factors uses the
:class:`~pulumi_aihw.planner.assumptions.Assumptions` fallbacks and has no range.
"""

from __future__ import annotations

from dataclasses import dataclass

from pulumi_aihw.catalog.models import (
    Accelerator,
    Efficiency,
    InferenceFactors,
    LinkFactors,
)
from pulumi_aihw.planner.assumptions import Assumptions
from pulumi_aihw.planner.perf import Link
from pulumi_aihw.vocab import LinkClass, Precision

POOLED = "*"


@dataclass(frozen=True, slots=True)
class Basis:
    """Where an estimate's factors come from, and its range as measured/estimated ratios."""

    family: str
    """The accelerator's efficiency family."""
    rows: int
    """Measured results the factors were fitted on."""
    ratio_low: float | None
    ratio_high: float | None
    pooled: bool = False
    """The family has no results of its own: the pooled fit of every family is used."""

    @property
    def calibrated(self) -> bool:
        return self.rows > 0 and not self.pooled

    def describe(self, what: str) -> str:
        if self.ratio_low is None:
            return f"{what}: uncalibrated (no fitted efficiency factors in this catalog)"
        if not self.calibrated:
            return (
                f"{what}: uncalibrated for {self.family or 'this accelerator'} (no measured "
                f"results of its family); pooled factors of {self.rows} results used"
            )
        results = "result" if self.rows == 1 else "results"
        return f"{what}: calibrated on {self.rows} measured {results} of family {self.family}"


def _family(acc: Accelerator) -> str:
    return acc.efficiency_family or ""


def inference_factors(
    eff: Efficiency | None, acc: Accelerator, a: Assumptions
) -> tuple[float, float, Basis]:
    """(bandwidth fraction, compute fraction, basis) for decode and prefill on ``acc``."""
    if eff is None:
        return a.bandwidth_efficiency, a.compute_efficiency, Basis(_family(acc), 0, None, None)
    found: InferenceFactors | None = None
    pooled: InferenceFactors | None = None
    for f in eff.inference:
        if f.family == _family(acc):
            found = f
        elif f.family == POOLED:
            pooled = f
    use = found or pooled
    if use is None:
        return a.bandwidth_efficiency, a.compute_efficiency, Basis(_family(acc), 0, None, None)
    basis = Basis(_family(acc), use.rows, use.ratio_low, use.ratio_high, pooled=found is None)
    return use.bandwidth_fraction, use.compute_fraction, basis


def precision_class(precision: Precision) -> str:
    """Which training utilisation applies: low-precision peaks are realised differently."""
    if precision in (Precision.FP8, Precision.INT8):
        return "8-bit"
    if precision in (Precision.FP4, Precision.INT4):
        return "4-bit"
    return "16-bit"


def training_factors(
    eff: Efficiency | None, acc: Accelerator, method: str, precision: Precision, a: Assumptions
) -> tuple[float, Basis]:
    """(MFU, basis) for ``method`` (``pretraining`` or ``lora``) at ``precision`` on ``acc``:
    the family's own factor, else the pooled one for the method and precision class, else
    the pooled one for the method (any precision)."""
    if eff is None:
        return a.compute_efficiency, Basis(_family(acc), 0, None, None)
    by_key = {(f.family, f.method, f.precision_class): f for f in eff.training}
    cls = precision_class(precision)
    keys = ((_family(acc), method, cls), (POOLED, method, cls), (POOLED, method, "any"),
            (POOLED, "pretraining", cls))  # fmt: skip
    for key in keys:
        f = by_key.get(key)
        if f is not None:
            pooled = f.family == POOLED
            return f.mfu, Basis(_family(acc), f.rows, f.ratio_low, f.ratio_high, pooled=pooled)
    return a.compute_efficiency, Basis(_family(acc), 0, None, None)


def link_for(eff: Efficiency | None, link_class: LinkClass | None) -> Link | None:
    """The fitted all-reduce latency and bandwidth of a link class (None if unknown)."""
    if eff is None or link_class is None:
        return None
    found: LinkFactors | None = next((f for f in eff.links if f.link_class == link_class), None)
    if found is None:
        return None
    return Link(found.latency_us * 1e-6, found.bandwidth_gbps * 1e9)
