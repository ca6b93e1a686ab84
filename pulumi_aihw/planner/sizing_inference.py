"""Inference sizing: replica layout, batch, decode throughput, units for the demand.

A replica holds the weights and its sequences' KV cache across a tensor-parallel
group of chips. Power-of-two groups that fit within one unit are tried, smallest
first, until a group reaches the batch cap (beyond it, bigger groups only split the
same throughput into fewer replicas); on multi-node offerings the smallest group
spanning several units is used when one unit is too small. The layout needing the
fewest units for the demand wins, ties going to more capacity. Bigger groups leave
more memory for the KV cache, so larger batches: that is what makes big models fast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.planner.assumptions import Assumptions
from pulumi_aihw.planner.sizing import (
    Mem,
    Shape,
    Sizing,
    SpecFacts,
    gib,
    peak_tflops,
    pow2,
    usable_chip_bytes,
)
from pulumi_aihw.spec.models import WorkloadSpec

_KV_NOTE = ("KV cache estimated from the parameter count (no model.architecture)",)


@dataclass(frozen=True, slots=True)
class _Layout:
    chips: float
    """Chips per replica."""
    units_per_replica: int
    replicas_per_unit: int
    batch: int
    tokens_per_second: float | None
    """Per replica."""


def size_inference(f: SpecFacts, acc: Accelerator, shape: Shape, pinned: int | None) -> Sizing:
    a = f.a
    need = f.weights_bytes + f.seq_bytes
    notes: tuple[str, ...] = _KV_NOTE if f.kv_estimated else ()
    mem = Mem(gib(f.weights_bytes), gib(need), None)
    chip = usable_chip_bytes(acc, a)
    if chip is None:
        return Sizing(
            None, None, *mem, problems=(f"memory unknown: no memory size for {acc.name}",)
        )
    unit_bytes = chip * shape.per_unit
    mem = mem._replace(usable_memory_per_unit_gib=gib(unit_bytes))
    groups, why = _groups(need, chip, shape, a)
    if not groups:
        return _no_fit(mem, need, shape, unit_bytes, why)
    layouts = []
    for chips, upr in groups:
        layouts.append(_layout(f, acc, chip, shape, chips, upr))
        if layouts[-1].batch >= a.max_batch_per_replica:
            break  # bigger groups only split the same throughput into fewer replicas
    if layouts[0].tokens_per_second is None:
        notes = (*notes, f"throughput unknown: memory bandwidth unknown for {acc.name}")
        if pinned is None and f.spec.demand is not None:
            return Sizing(
                None,
                None,
                *mem,
                chips_per_replica=layouts[0].chips,
                batch_per_replica=layouts[0].batch,
                notes=notes,
                problems=(f"cannot estimate throughput: memory bandwidth unknown for {acc.name}",),
            )
    elif peak_tflops(acc, f.spec.model.precision) is None:
        notes = (*notes, f"compute ceiling not applied: TFLOPS unknown for {acc.name}")
    best = min(
        (_result(f.spec, lay, pinned, a) for lay in layouts),
        key=lambda r: (bool(r[2]), r[0], -(r[1] or 0.0)),
    )
    units, total, problems, lay = best
    if lay.units_per_replica > units:
        return _no_fit(
            mem,
            need,
            shape,
            unit_bytes * units,
            f"the pin gives {units} unit(s), a replica needs {lay.units_per_replica}",
        )
    replicas = _replicas(units, lay)
    return Sizing(
        units,
        units * shape.per_unit,
        *mem,
        chips_per_replica=lay.chips,
        replicas=replicas,
        batch_per_replica=lay.batch,
        tokens_per_second=total,
        problems=problems,
        notes=notes,
    )


def _groups(
    need: float, chip: float, shape: Shape, a: Assumptions
) -> tuple[list[tuple[float, int]], str]:
    """(chips per replica, units per replica) options, or none and why."""
    if shape.per_unit < 1:
        if need > chip * shape.per_unit:
            return [], "replicas cannot span fractional GPUs"
        return [(shape.per_unit, 1)], ""
    smallest = pow2(math.ceil(need / chip))
    if smallest <= shape.per_unit:
        out, chips = [], smallest
        while chips <= shape.per_unit:
            out.append((float(chips), 1))
            chips *= 2
        return out, ""
    span = math.ceil(smallest / shape.per_unit)
    if shape.unit_kind == "slice":
        return [], "a larger slice may fit"
    if not shape.multi_node:
        return [], "this offering cannot span nodes"
    if span > a.max_units_per_replica:
        return [], f"a replica may span at most {a.max_units_per_replica} units"
    return [(span * shape.per_unit, span)], ""


def _layout(
    f: SpecFacts, acc: Accelerator, chip: float, shape: Shape, chips: float, upr: int
) -> _Layout:
    per_unit = 1 if upr > 1 or shape.per_unit < 1 else int(shape.per_unit // chips)
    key = (acc.id, chips)
    hit = f.replica_cache.get(key)  # a replica's batch and speed do not depend on the offering
    if hit is None:
        a = f.a
        batch = int(min(a.max_batch_per_replica, (chips * chip - f.weights_bytes) // f.seq_bytes))
        terms = decode_terms(f.spec, acc, chips, batch, f.weights_bytes, f.seq_bytes, a)
        tps = None if terms is None else terms.tokens_per_second
        hit = f.replica_cache[key] = (batch, tps)
    return _Layout(chips, upr, per_unit, hit[0], hit[1])


def _replicas(units: int, lay: _Layout) -> int:
    return (
        units // lay.units_per_replica
        if lay.units_per_replica > 1
        else units * lay.replicas_per_unit
    )


def _result(
    spec: WorkloadSpec, lay: _Layout, pinned: int | None, a: Assumptions
) -> tuple[int, float | None, tuple[str, ...], _Layout]:
    """(units, total tokens/s, problems, layout) for one layout."""
    demand = spec.demand
    tps = lay.tokens_per_second
    if pinned is not None:
        units = pinned
    elif demand is None or tps is None:
        units = lay.units_per_replica
    else:
        replicas = max(1, math.ceil(demand.total_tokens_per_second / tps))
        if demand.concurrent_requests:
            replicas = max(replicas, math.ceil(demand.concurrent_requests / lay.batch))
        units = (
            replicas * lay.units_per_replica
            if lay.units_per_replica > 1
            else math.ceil(replicas / lay.replicas_per_unit)
        )
    replicas = _replicas(units, lay)
    total = None if tps is None else replicas * tps
    problems: list[str] = []
    if units > a.max_units:
        problems.append(f"cannot meet demand: needs {units:,} units (limit {a.max_units:,})")
    if demand is not None and total is not None:
        wanted = demand.total_tokens_per_second
        if total < wanted * 0.999:
            problems.append(
                f"cannot meet demand: estimated {total:,.0f} tokens/s < "
                f"{wanted:,.0f} tokens/s wanted"
            )
        if demand.concurrent_requests and replicas * lay.batch < demand.concurrent_requests:
            problems.append(
                f"cannot meet demand: room for {replicas * lay.batch:,} concurrent "
                f"requests, {demand.concurrent_requests:,} wanted"
            )
    return units, total, tuple(problems), lay


class DecodeTerms(NamedTuple):
    """The terms of one replica's decode throughput (``aihw explain`` shows them)."""

    bandwidth_bytes_per_s: float
    """Achieved: chips x datasheet bandwidth x bandwidth efficiency."""
    step_bytes: float
    """Read per decode step: weights + batch x KV of a sequence x average fill."""
    memory_bound: float
    """batch x bandwidth / step bytes (tokens/s)."""
    compute_bound: float | None
    """chips x peak x compute efficiency / (2 x parameters) (tokens/s); ``None``: TFLOPS
    unknown."""

    @property
    def tokens_per_second(self) -> float:
        b = self.compute_bound
        return self.memory_bound if b is None else min(self.memory_bound, b)


def decode_terms(
    spec: WorkloadSpec,
    acc: Accelerator,
    chips: float,
    batch: int,
    w: float,
    seq: float,
    a: Assumptions,
) -> DecodeTerms | None:
    """Decode: batch x achieved bandwidth / bytes read per step, capped by compute
    (``None``: memory bandwidth unknown)."""
    if acc.memory_bandwidth_gbps is None:
        return None
    bandwidth = chips * acc.memory_bandwidth_gbps * 1e9 * a.bandwidth_efficiency
    step_bytes = w + batch * seq * a.avg_context_fill
    tflops = peak_tflops(acc, spec.model.precision)
    compute = (
        None
        if tflops is None
        else chips
        * tflops
        * 1e12
        * a.compute_efficiency
        / (2 * spec.model.parameters_billion * 1e9)
    )
    return DecodeTerms(bandwidth, step_bytes, batch * bandwidth / step_bytes, compute)


def _no_fit(mem: Mem, need: float, shape: Shape, have: float, why: str) -> Sizing:
    return Sizing(
        None,
        None,
        *mem,
        problems=(
            f"does not fit: needs {gib(need):,.1f} GiB per replica, one {shape.label} holds "
            f"{gib(have):,.1f} GiB usable; {why}",
        ),
    )
