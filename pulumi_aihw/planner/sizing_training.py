"""Training sizing: sharded model states and activations, FLOPs against the deadline."""

from __future__ import annotations

import math

from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.catalog.tpu import generation_for
from pulumi_aihw.planner.sizing import (
    Mem,
    Shape,
    Sizing,
    SpecFacts,
    gib,
    peak_tflops,
    usable_chip_bytes,
)
from pulumi_aihw.vocab import Precision


def size_training(f: SpecFacts, acc: Accelerator, shape: Shape, pinned: int | None) -> Sizing:
    """Chips to hold model states and activations (sharded), and to meet the deadline."""
    spec, a = f.spec, f.a
    mem = Mem(gib(f.weights_bytes), gib(f.train_bytes), None)
    chip = usable_chip_bytes(acc, a)
    if chip is None:
        return Sizing(
            None, None, *mem, problems=(f"memory unknown: no memory size for {acc.name}",)
        )
    mem = mem._replace(usable_memory_per_unit_gib=gib(chip * shape.per_unit))
    tflops = peak_tflops(acc, spec.model.precision)
    per_chip = None if tflops is None else tflops * 1e12 * a.compute_efficiency
    deadline = spec.training.deadline_days if spec.training else None
    chips_needed = math.ceil(f.train_bytes / chip)
    if pinned is None and f.train_flops is not None and deadline and per_chip is not None:
        chips_needed = max(chips_needed, math.ceil(f.train_flops / (deadline * 86400 * per_chip)))
    if pinned is not None:
        units = pinned
    elif shape.per_unit < 1:
        units = 1
    else:
        units = max(1, math.ceil(chips_needed / shape.per_unit))
    accelerators = units * shape.per_unit
    problems = _layout_problems(f, acc, shape, chip, units, chips_needed)
    notes = (
        ["fp32 training time estimated from the bf16 peak (optimistic)"]
        if (spec.model.precision is Precision.FP32)
        else []
    )
    hours = None
    if f.train_flops is not None and per_chip is not None:
        hours = f.train_flops / (accelerators * per_chip) / 3600
        if deadline is not None and hours > deadline * 24 * 1.0001:
            problems.append(f"cannot meet deadline: {hours / 24:,.1f} days > {deadline:g} days")
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
