"""Training sizing: sharded model states and activations, FLOPs against the deadline.

Time = FLOPs / (chips x peak x MFU x scale-out x link factor) x (1 + evaluation
allowance), with the MFU of the accelerator's family and method and the other factors
fitted on measured training (docs/sizing.md).
"""

from __future__ import annotations

import math

from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.catalog.tpu import generation_for
from pulumi_aihw.planner.efficiency import Basis, training_factors
from pulumi_aihw.planner.perf import scale_out
from pulumi_aihw.planner.sizing import (
    OPTIMISTIC,
    Mem,
    Shape,
    Sizing,
    SpecFacts,
    gib,
    peak_tflops,
    usable_chip_bytes,
)
from pulumi_aihw.vocab import LinkClass, Precision

_MAX_DEADLINE_ITERATIONS = 20


def per_chip_flops(f: SpecFacts, acc: Accelerator) -> tuple[float | None, Basis, list[str]]:
    """Achieved FLOP/s of one chip at this job's size (before scale-out), the basis, notes."""
    precision = f.spec.model.precision
    notes: list[str] = []
    tflops, stand_in = peak_tflops(acc, precision)
    if stand_in:
        notes.append(stand_in)
    if precision is Precision.FP32:
        notes.append("fp32 training time estimated from the bf16 peak (optimistic)")
    method = "lora" if f.lora else "pretraining"
    mfu, basis = training_factors(f.efficiency, acc, method, precision, f.a)
    if tflops is None:
        return None, basis, notes
    factor = mfu
    if f.efficiency is not None and acc.link_class is LinkClass.PCIE:
        factor *= f.efficiency.training_pcie_factor
    return tflops * 1e12 * factor, basis, notes


def scale(f: SpecFacts, chips: float) -> float:
    return 1.0 if f.efficiency is None else scale_out(chips, f.efficiency.training_scale_out)


def allowance(f: SpecFacts) -> float:
    return 0.0 if f.efficiency is None else f.efficiency.evaluation_allowance


def hours_on(f: SpecFacts, per_chip: float, chips: float) -> float:
    """Wall-clock hours on ``chips`` chips, evaluation allowance included."""
    assert f.train_flops is not None
    seconds = f.train_flops / (chips * per_chip * scale(f, chips))
    return seconds * (1 + allowance(f)) / 3600


def chips_for_deadline(f: SpecFacts, per_chip: float, deadline_days: float) -> int:
    """Fewest chips that finish by the deadline (scale-out lowers MFU as chips grow)."""
    chips = 1
    for _ in range(_MAX_DEADLINE_ITERATIONS):
        need = math.ceil(chips * hours_on(f, per_chip, chips) / (deadline_days * 24))
        if need <= chips:
            return chips
        chips = need
    return chips


def size_training(f: SpecFacts, acc: Accelerator, shape: Shape, pinned: int | None) -> Sizing:
    """Chips to hold model states and activations (sharded), and to meet the deadline."""
    spec = f.spec
    mem = Mem(gib(f.weights_bytes), gib(f.train_bytes), None)
    chip = usable_chip_bytes(acc, f.a)
    if chip is None:
        return Sizing(
            None, None, *mem, problems=(f"memory unknown: no memory size for {acc.name}",)
        )
    mem = mem._replace(usable_memory_per_unit_gib=gib(chip * shape.per_unit))
    per_chip, basis, notes = per_chip_flops(f, acc)
    deadline = spec.training.deadline_days if spec.training else None
    chips_needed = math.ceil(f.train_bytes / chip)
    if pinned is None and f.train_flops is not None and deadline and per_chip is not None:
        chips_needed = max(chips_needed, chips_for_deadline(f, per_chip, deadline))
    if pinned is not None:
        units = pinned
    elif shape.per_unit < 1:
        units = 1
    else:
        units = max(1, math.ceil(chips_needed / shape.per_unit))
    accelerators = units * shape.per_unit
    problems = _layout_problems(f, acc, shape, chip, units, chips_needed)
    hours = hours_range = None
    if f.train_flops is not None and per_chip is not None:
        hours = hours_on(f, per_chip, accelerators)
        if basis.ratio_low is not None and basis.ratio_high is not None:
            hours_range = (hours / basis.ratio_high, hours / basis.ratio_low)
        if deadline is not None and hours > deadline * 24 * 1.0001:
            fastest = hours_range[0] if hours_range else hours
            message = f"{hours / 24:,.1f} days > {deadline:g} days"
            if fastest <= deadline * 24:
                notes.append(
                    f"deadline {OPTIMISTIC}: {message} (range from {fastest / 24:,.1f} days)"
                )
            else:
                problems.append(f"cannot meet deadline: {message}")
    elif f.train_flops is not None:
        msg = f"time to train unknown: BF16 TFLOPS unknown for {acc.name}"
        if deadline is not None:
            problems.append(f"cannot check the deadline: {msg}")
        else:
            notes.append(msg)
    return Sizing(
        units,
        accelerators,
        *mem,
        time_to_train_hours=hours,
        time_to_train_hours_range=hours_range,
        estimate_basis=basis.describe("time to train") if hours is not None else None,
        problems=tuple(problems),
        notes=tuple(notes),
    )


def _layout_problems(
    f: SpecFacts, acc: Accelerator, shape: Shape, chip: float, units: int, chips_needed: int
) -> list[str]:
    """Why ``units`` of this shape cannot hold or run the training job as one job."""
    problems = []
    accelerators = units * shape.per_unit
    if f.train_bytes > chip * accelerators:
        problems.append(
            f"does not fit: training needs {gib(f.train_bytes):,.0f} GiB (model states and "
            f"activations), {units} x {shape.label} hold {gib(chip * accelerators):,.0f} GiB "
            "usable"
        )
    gen = generation_for(acc.id) if shape.unit_kind == "slice" else None
    if gen is not None and units > 1 and shape.per_unit < gen.slice_chips[-1]:
        fit = next((n for n in gen.slice_chips if n >= chips_needed), gen.slice_chips[-1])
        problems.append(
            f"slice too small: {chips_needed:,} chips train in one {gen.slice_name(fit)} slice; "
            "multislice only beyond the largest slice"
        )
    if units > 1 and not shape.multi_node:
        problems.append(
            f"cannot span nodes: needs {units} units but this offering has no multi-node "
            "interconnect for one job (EFA, GPUDirect, InfiniBand, ICI)"
        )
    if units > f.a.max_units:
        problems.append(f"too large: needs {units:,} units (limit {f.a.max_units:,})")
    return problems
