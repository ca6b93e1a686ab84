"""The corpus of public programs (tests/corpus): run each through ``aihw check`` offline and
compare what the pack saw with what a reviewer expects (its ``expectations.yaml``).

Recall: the share of expected hardware resources the pack saw. Precision: the share of
resources the pack judged as hardware that a reviewer expects. Every other line of an
expectations file (type, offering, accelerator, units, purchase, cost and power known or
not, price region, lock-in, rule outcomes, exit code) is one more expectation that must
hold. ``python -m tests.check.corpus`` prints the figures.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.check.engine import engine_records, stack_view
from pulumi_aihw.check.models import StackResult
from pulumi_aihw.crossguard import check_previews
from pulumi_aihw.preview import run_stack
from pulumi_aihw.rules import Context
from pulumi_aihw.rules.facts.hardware import Hardware
from pulumi_aihw.rules.facts.scale import Basis
from pulumi_aihw.rules.facts.stack import STACK_TYPE

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
POLICY = json.loads((CORPUS / "policy.json").read_text())
TODAY = dt.date(2026, 11, 1)


def programs() -> list[Path]:
    return sorted(p.parent for p in CORPUS.glob("*/expectations.yaml"))


@dataclass
class Outcome:
    program: str
    expected_hardware: set[str] = field(default_factory=set)
    seen_hardware: set[str] = field(default_factory=set)
    checks: int = 0
    failures: list[str] = field(default_factory=list)
    exit_code: int = 0

    def expect(self, what: str, ok: bool, got: Any = None) -> None:
        self.checks += 1
        if not ok:
            self.failures.append(f"{self.program}: {what} (got {got!r})")


def _accelerator(hw: Hardware) -> str:
    if hw.accelerator is not None:
        return hw.accelerator.id
    if hw.family is not None:
        return f"family {hw.family.family}"
    return "unknown"


def _units(hw: Hardware) -> dict[str, int | None]:
    s = hw.scale
    if s is None:
        return {"min": hw.units, "desired": hw.units, "max": hw.units}
    if s.basis == Basis.LIMIT:
        return {"min": s.minimum, "max": s.maximum}
    return {"min": s.minimum, "desired": s.figure, "max": s.maximum}


def _hardware_checks(out: Outcome, name: str, want: dict[str, Any], hw: Hardware, row: Any) -> None:
    pre = f"{name}:"
    out.expect(f"{pre} type {want['type']}", hw.resource.type == want["type"], hw.resource.type)
    if "offering" in want:
        out.expect(f"{pre} offering", hw.offering_name == want["offering"], hw.offering_name)
    if "also_allowed" in want:
        alts = [c.name for c in hw.alternatives]
        out.expect(f"{pre} also_allowed", alts == want["also_allowed"], alts)
    out.expect(f"{pre} accelerator", _accelerator(hw) == want["accelerator"], _accelerator(hw))
    if "units" in want:
        got = {k: v for k, v in _units(hw).items() if k in want["units"]}
        out.expect(f"{pre} units", got == want["units"], _units(hw))
    if "purchase" in want:
        out.expect(f"{pre} purchase", hw.purchase == want["purchase"], hw.purchase)
    for fact, value in (("cost", row.usd_per_month), ("power", row.power_kw)):
        if fact in want:
            known = "known" if value is not None else "not-evaluated"
            out.expect(f"{pre} {fact} {want[fact]}", known == want[fact], value)
    if "price_region" in want:
        note = hw.price_region_note() or ""
        out.expect(
            f"{pre} priced in {want['price_region']}",
            f"priced in {want['price_region']}" in note,
            note,
        )
    if "lock_in" in want:
        out.expect(f"{pre} lock-in", row.lock_in == want["lock_in"], row.lock_in)


def evaluate(program: Path) -> Outcome:
    want = yaml.safe_load((program / "expectations.yaml").read_text())
    out = Outcome(program.name, expected_hardware=set(want["hardware"] or {}))
    preview = run_stack(program)
    report = check_previews([preview], POLICY, today=TODAY)
    result: StackResult = report.stacks[0]
    out.exit_code = report.exit_code
    view = stack_view(engine_records(preview), Context(load_catalog(), TODAY))
    hardware = {hw.resource.name: hw for hw in view.hardware}
    rows = {w.urn.rsplit("::", 1)[-1]: w for w in result.workloads}
    judged = {
        i.finding.resource.name for i in result.items if i.finding.resource.type != STACK_TYPE
    }
    out.seen_hardware = (set(hardware) | judged) - {
        r.name for r in preview.resources if r.type == STACK_TYPE
    }
    for name, facts in (want["hardware"] or {}).items():
        seen = name in hardware
        out.expect(f"{name}: seen as hardware", seen)
        if seen:
            row = rows.get(name)
            out.expect(f"{name}: has a cost/power row", row is not None)
            if row is not None:
                _hardware_checks(out, name, facts, hardware[name], row)
    for name in want.get("not_hardware") or []:
        out.expect(f"{name}: no finding (not hardware)", name not in out.seen_hardware)
    _finding_checks(out, want, result)
    out.expect("exit code", report.exit_code == want["exit_code"], report.exit_code)
    return out


def _finding_checks(out: Outcome, want: dict[str, Any], result: StackResult) -> None:
    status: dict[tuple[str, str], str] = {}
    for i in result.items:
        f = i.finding
        who = "stack" if f.resource.type == STACK_TYPE else f.resource.name
        status.setdefault((who, f.rule_id), str(f.status))
    for name in want.get("irreversible") or []:
        got = status.get((name, "AIHW-LOCK-005"))
        out.expect(f"{name}: irreversible purchase flagged", got == "violation", got)
    for who, rules in (want.get("findings") or {}).items():
        for rule_id, expected in rules.items():
            got = status.get((who, rule_id))
            out.expect(f"{who}: {rule_id} {expected}", got == expected, got)


@dataclass(frozen=True)
class Figures:
    programs: int
    with_hardware: int
    expected: int
    seen_expected: int
    seen: int
    checks: int
    failures: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.seen_expected / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.seen_expected / self.seen if self.seen else 1.0

    @property
    def met(self) -> int:
        return self.checks - len(self.failures)


def figures(outcomes: list[Outcome]) -> Figures:
    expected = sum(len(o.expected_hardware) for o in outcomes)
    seen_expected = sum(len(o.expected_hardware & o.seen_hardware) for o in outcomes)
    return Figures(
        programs=len(outcomes),
        with_hardware=sum(1 for o in outcomes if o.expected_hardware),
        expected=expected,
        seen_expected=seen_expected,
        seen=sum(len(o.seen_hardware) for o in outcomes),
        checks=sum(o.checks for o in outcomes),
        failures=tuple(f for o in outcomes for f in o.failures),
    )


def summary(f: Figures) -> str:
    return (
        f"{f.programs} programs ({f.with_hardware} with AI hardware): recall "
        f"{f.recall:.0%} ({f.seen_expected}/{f.expected} hardware resources seen), precision "
        f"{f.precision:.0%} ({f.seen_expected}/{f.seen} judged resources expected); "
        f"expectations met {f.met}/{f.checks}"
    )


if __name__ == "__main__":
    result = figures([evaluate(p) for p in programs()])
    print(summary(result))
    for failure in result.failures:
        print(f"  {failure}")
