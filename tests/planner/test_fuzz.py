"""Random and malformed specs: every case ends in a plan or a clear error, never a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_aihw.catalog import load_catalog
from pulumi_aihw.errors import AihwError, InputError
from pulumi_aihw.planner import plan
from pulumi_aihw.spec import load_spec, spec_from_dict
from pulumi_aihw.vocab import Framework, Phase, Precision, Provider, PurchaseOption

CATALOG = load_catalog()

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a sensible value, sometimes junk of any type."""
    return st.one_of(strategy, strategy, strategy, junk)


positive = st.floats(min_value=0.01, max_value=5000, allow_nan=False)
names = st.sampled_from([a.id for a in CATALOG.accelerators] + ["h900", "a100", "inf2", ""])
offerings = st.sampled_from([*CATALOG.offering_names(), "p9.xlarge"])

model = st.fixed_dictionaries(
    {
        "name": maybe(st.just("m")),
        "parameters_billion": maybe(st.floats(0.1, 2000)),
        "precision": maybe(st.sampled_from([*Precision.values(), "bf32"])),
    },
    optional={"context_length_tokens": maybe(st.integers(1, 200_000))},
)

spec_dicts = st.fixed_dictionaries(
    {
        "name": maybe(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)),
        "owner": maybe(st.just("team")),
        "phase": maybe(st.sampled_from(Phase.values())),
        "model": maybe(model),
    },
    optional={
        "frameworks": maybe(
            st.lists(st.sampled_from(Framework.values()), min_size=1, max_size=3, unique=True)
        ),
        "demand": maybe(
            st.fixed_dictionaries(
                {"tokens_per_second": maybe(positive)},
                optional={
                    "hours_per_day": maybe(st.floats(1, 24)),
                    "concurrent_requests": maybe(st.integers(1, 5000)),
                },
            )
        ),
        "training": maybe(
            st.fixed_dictionaries(
                {"tokens_billion": maybe(positive)}, optional={"deadline_days": maybe(positive)}
            )
        ),
        "pin": maybe(
            st.one_of(
                st.fixed_dictionaries({"accelerator": names, "count": st.integers(1, 64)}),
                st.fixed_dictionaries({"offering": offerings}),
            )
        ),
        "placement": maybe(
            st.fixed_dictionaries(
                {},
                optional={
                    "providers": st.lists(st.sampled_from(Provider.values()), max_size=3),
                    "regions": st.lists(
                        st.sampled_from(["us-east-1", "us-central1", "mars-1"]), max_size=2
                    ),
                },
            )
        ),
        "constraints": maybe(
            st.fixed_dictionaries(
                {},
                optional={
                    "max_usd_per_month": maybe(positive),
                    "max_power_kw": maybe(positive),
                    "portability": st.sampled_from(["required", "preferred", "none"]),
                    "purchase_option": st.sampled_from(PurchaseOption.values()),
                },
            )
        ),
        "surprise": junk,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec_dicts)
def test_random_specs_plan_or_fail_clearly(data: dict[str, Any]) -> None:
    try:
        spec = spec_from_dict(data)
        result = plan(spec, CATALOG)
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return
    except AihwError as exc:  # pragma: no cover - planning raises only input errors here
        raise AssertionError(f"unexpected {type(exc).__name__}: {exc}") from exc
    assert len(result.candidates) == len(CATALOG.offerings)
    if result.chosen is not None:
        assert result.chosen.feasible and result.chosen.usd_per_month is not None
    for c in result.candidates:
        assert c.usd_per_month is None or c.usd_per_month > 0  # never a 0 price
        assert c.feasible or c.rejected_because
    result.to_dict()  # serialisable


yaml_text = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(
            [
                "name: x",
                "phase: inference",
                "model:",
                "  name: m",
                "  parameters_billion: 8",
                "demand: {tokens_per_second: 5}",
                "owner: t",
                "- a",
                "key: [",
                "\t- b",
                "name: y",
                ": :",
                "{",
            ]
        ),
        max_size=10,
    ).map("\n".join),
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(yaml_text)
def test_random_yaml_loads_or_fails_clearly(tmp_path: Path, text: str) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_spec(path)
    except InputError as exc:
        assert all(str(path) in str(p) or p.file for p in exc.problems)
