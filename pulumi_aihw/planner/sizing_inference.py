"""Inference sizing: replica layout, batch, throughput, units for the demand.

A replica holds the weights and its requests' KV cache across a tensor-parallel group
of chips. Power-of-two groups that fit within one unit are tried, smallest first,
until a group reaches the batch cap (beyond it, bigger groups only split the same
throughput into fewer replicas); on multi-node offerings the smallest group spanning
several units is used when one unit is too small. The layout needing the fewest units
for the demand wins, ties going to more capacity. Each replica's throughput is
:func:`pulumi_aihw.planner.perf.replica_rate` at the largest batch that fits memory,
the batch cap and the demand's latency objectives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pulumi_aihw.catalog.models import Accelerator
from pulumi_aihw.planner.assumptions import Assumptions
from pulumi_aihw.planner.efficiency import Basis, inference_factors, link_for
from pulumi_aihw.planner.perf import (
    Efficiency,
    Link,
    Rate,
    Replica,
    Requests,
    rate_at,
    replica_rate,
)
from pulumi_aihw.planner.sizing import (
    OPTIMISTIC,
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

_KV_NOTE = "KV cache estimated from the parameter count (no model.architecture)"


@dataclass(frozen=True, slots=True)
class _Layout:
    chips: float
    """Chips per replica."""
    units_per_replica: int
    replicas_per_unit: int
    rate: Rate | None
    """Per replica; None where the bandwidth is unknown or no batch meets the objectives."""
    why_none: str | None = None

    @property
    def batch(self) -> int:
        return 0 if self.rate is None else self.rate.batch

    @property
    def tokens_per_second(self) -> float | None:
        return None if self.rate is None else self.rate.tokens_per_second


@dataclass(frozen=True, slots=True)
class _AccFacts:
    """What sizing needs of one accelerator for one spec, worked out once per plan."""

    efficiency: Efficiency
    basis: Basis
    slo_fraction: float
    peak_tflops: float | None
    link: Link | None
    notes: tuple[str, ...]
    """Modelling notes for any replica; a multi-chip one may add ``link_note``."""
    link_note: str | None


def _acc_facts(f: SpecFacts, acc: Accelerator) -> _AccFacts:
    hit: _AccFacts | None = f.accelerator_cache.get(acc.id)
    if hit is not None:
        return hit
    bw, compute, basis = inference_factors(f.efficiency, acc, f.a)
    tflops, stand_in = peak_tflops(acc, f.spec.model.precision)
    notes = [stand_in] if stand_in else []
    if tflops is None and acc.memory_bandwidth_gbps is not None:
        notes.append(f"compute not modelled: TFLOPS unknown for {acc.name} (prefill free)")
    link = link_for(f.efficiency, acc.link_class)
    hit = f.accelerator_cache[acc.id] = _AccFacts(
        Efficiency(bw, compute),
        basis,
        f.efficiency.latency_slo_fraction if f.efficiency is not None else 1.0,
        tflops,
        link,
        tuple(notes),
        None
        if link is not None
        else f"tensor-parallel communication not modelled: no link factors for {acc.name}",
    )
    return hit


@dataclass(frozen=True, slots=True)
class _Outcome:
    units: int
    total: float | None
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    layout: _Layout


def size_inference(f: SpecFacts, acc: Accelerator, shape: Shape, pinned: int | None) -> Sizing:
    a = f.a
    need = f.weights_bytes + f.seq_bytes
    notes: tuple[str, ...] = (*((_KV_NOTE,) if f.kv_estimated else ()), *f.request_notes)
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
    facts = _acc_facts(f, acc)
    basis = facts.basis
    notes = (*notes, *facts.notes)
    if layouts[0].chips > 1 and facts.link_note:
        notes = (*notes, facts.link_note)
    if all(lay.rate is None for lay in layouts):
        why_none = layouts[0].why_none or "throughput unknown"
        if pinned is None and f.spec.demand is not None:
            problem = (
                "cannot estimate throughput"
                if acc.memory_bandwidth_gbps is None
                else "cannot meet latency objective"
            )
            return Sizing(
                None,
                None,
                *mem,
                chips_per_replica=layouts[0].chips,
                notes=notes,
                problems=(f"{problem}: {why_none}",),
            )
        notes = (*notes, f"throughput unknown: {why_none}")
    best = min(
        (_result(f.spec, lay, pinned, a, basis) for lay in layouts),
        key=lambda r: (bool(r.problems), r.units, -(r.total or 0.0)),
    )
    lay = best.layout
    if lay.units_per_replica > best.units:
        return _no_fit(
            mem,
            need,
            shape,
            unit_bytes * best.units,
            f"the pin gives {best.units} unit(s), a replica needs {lay.units_per_replica}",
        )
    rate = lay.rate
    return Sizing(
        best.units,
        best.units * shape.per_unit,
        *mem,
        chips_per_replica=lay.chips,
        replicas=_replicas(best.units, lay),
        batch_per_replica=None if rate is None else rate.batch,
        tokens_per_second=best.total,
        tokens_per_second_range=_range(best.total, basis),
        time_to_first_token_ms=None if rate is None else rate.ttft_s * 1000,
        time_per_output_token_ms=None if rate is None else rate.tpot_s * 1000,
        estimate_basis=basis.describe("throughput"),
        problems=best.problems,
        notes=(*notes, *best.warnings),
    )


def _range(total: float | None, basis: Basis) -> tuple[float, float] | None:
    if total is None or basis.ratio_low is None or basis.ratio_high is None:
        return None
    return total * basis.ratio_low, total * basis.ratio_high


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


def replica(f: SpecFacts, acc: Accelerator, chip_bytes: float, chips: float) -> Replica:
    """The hardware of one replica of ``chips`` chips of ``acc``."""
    facts = _acc_facts(f, acc)
    tflops = facts.peak_tflops
    return Replica(
        chips=chips,
        memory_bytes=chips * chip_bytes,
        bandwidth_bytes_per_s=chips * (acc.memory_bandwidth_gbps or 0.0) * 1e9,
        peak_flops=None if tflops is None else chips * tflops * 1e12,
        link=facts.link if chips > 1 else None,
    )


def _layout(
    f: SpecFacts, acc: Accelerator, chip: float, shape: Shape, chips: float, upr: int
) -> _Layout:
    per_unit = 1 if upr > 1 or shape.per_unit < 1 else int(shape.per_unit // chips)
    key = (acc.id, chips)
    hit = f.replica_cache.get(key)  # a replica's batch and speed do not depend on the offering
    if hit is None:
        hit = f.replica_cache[key] = _rate(f, acc, chip, chips)
    rate, why = hit
    return _Layout(chips, upr, per_unit, rate, why or None)


def _rate(f: SpecFacts, acc: Accelerator, chip: float, chips: float) -> tuple[Rate | None, str]:
    if acc.memory_bandwidth_gbps is None:
        return None, f"memory bandwidth unknown for {acc.name}"
    facts = _acc_facts(f, acc)
    r = replica(f, acc, chip, chips)
    eff, slo = facts.efficiency, facts.slo_fraction
    rate = replica_rate(f.model, r, eff, f.requests, f.a.max_batch_per_replica, slo)
    if rate is None:
        one = rate_at(f.model, r, eff, f.requests, 1)
        return None, f"even one request on {chips:g} {acc.name} misses " + _misses(
            one, f.requests, slo
        )
    return rate, ""


def _misses(one: Rate, q: Requests, slo: float) -> str:
    """``per output token about 62 ms > 30 ms (60% of the 50 ms objective)``."""
    out = [
        f"{name} about {got * 1000:,.0f} ms > {limit * slo * 1000:,.0f} ms"
        + (f" ({slo:.0%} of the {limit * 1000:,.0f} ms objective)" if slo < 1 else "")
        for name, got, limit in (
            ("time to first token", one.ttft_s, q.ttft_s),
            ("per output token", one.tpot_s, q.tpot_s),
        )
        if limit is not None and got > limit * slo
    ]
    return " and ".join(out)


def _replicas(units: int, lay: _Layout) -> int:
    return (
        units // lay.units_per_replica
        if lay.units_per_replica > 1
        else units * lay.replicas_per_unit
    )


def _result(
    spec: WorkloadSpec, lay: _Layout, pinned: int | None, a: Assumptions, basis: Basis
) -> _Outcome:
    """Units, total tokens/s, problems and warnings for one layout."""
    demand = spec.demand
    tps = lay.tokens_per_second
    if pinned is not None:
        units = pinned
    elif demand is None or tps is None:
        units = lay.units_per_replica
    else:
        replicas = max(1, math.ceil(demand.total_tokens_per_second / tps))
        if demand.concurrent_requests and lay.batch:
            replicas = max(replicas, math.ceil(demand.concurrent_requests / lay.batch))
        units = (
            replicas * lay.units_per_replica
            if lay.units_per_replica > 1
            else math.ceil(replicas / lay.replicas_per_unit)
        )
    replicas = _replicas(units, lay)
    total = None if tps is None else replicas * tps
    problems: list[str] = []
    warnings: list[str] = []
    if units > a.max_units:
        problems.append(f"cannot meet demand: needs {units:,} units (limit {a.max_units:,})")
    if demand is not None and total is not None:
        wanted = demand.total_tokens_per_second
        high = total * (basis.ratio_high or 1.0)
        if total < wanted * 0.999:
            message = f"estimated {total:,.0f} tokens/s < {wanted:,.0f} tokens/s wanted"
            if high >= wanted:
                warnings.append(
                    f"demand {OPTIMISTIC}: {message} (range up to {high:,.0f} tokens/s)"
                )
            else:
                problems.append(f"cannot meet demand: {message}")
        if demand.concurrent_requests and replicas * lay.batch < demand.concurrent_requests:
            problems.append(
                f"cannot meet demand: room for {replicas * lay.batch:,} concurrent "
                f"requests, {demand.concurrent_requests:,} wanted"
            )
    return _Outcome(units, total, tuple(problems), tuple(warnings), lay)


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
