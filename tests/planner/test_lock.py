"""Lock files: honoured while the spec is unchanged; stale, infeasible and vanished locks."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.catalog.catalog import Catalog as CatalogClass
from pulumi_aihw.errors import LockError
from pulumi_aihw.planner import (
    LockedChoice,
    LockFile,
    dump_lock,
    lock_from_plan,
    parse_lock,
    plan,
    spec_hash,
)
from pulumi_aihw.spec import WorkloadSpec

MakeSpec = Callable[..., WorkloadSpec]


def locked_on(
    spec: WorkloadSpec, catalog: Catalog, offering: str, region: str, units: int
) -> LockFile:
    p = plan(spec, catalog)
    return LockFile(
        workload=spec.name,
        spec_hash=spec_hash(spec),
        catalog_as_of=p.catalog_as_of,
        chosen=LockedChoice(
            provider="aws", offering=offering, region=region, units=units, accelerator="l40s"
        ),
    )


def test_round_trip(catalog: Catalog, make_spec: MakeSpec) -> None:
    p = plan(make_spec(), catalog)
    lock = lock_from_plan(p)
    assert parse_lock(dump_lock(lock)) == lock
    assert lock.chosen.offering == p.chosen.offering.offering and lock.spec_hash == p.spec_hash


def test_lock_is_honoured_over_a_cheaper_choice(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(constraints={"portability": "none"})
    assert plan(spec, catalog).chosen.offering.offering == "inf2.xlarge"
    lock = locked_on(spec, catalog, "g6e.xlarge", "us-east-1", 2)
    p = plan(spec, catalog, lock=lock)
    assert p.lock_status == "honoured"
    assert p.chosen.offering.offering == "g6e.xlarge" and p.chosen.locked
    assert p.chosen.rank == 1 and p.chosen.rank_reason.startswith("pinned by the lock file")
    assert p.notices[-1].startswith("lock file honoured: g6e.xlarge in us-east-1 x2")
    assert [c.rank for c in p.feasible] == list(range(1, len(p.feasible) + 1))


def test_tags_and_owner_do_not_invalidate_a_lock(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec()
    lock = lock_from_plan(plan(spec, catalog))
    retagged = make_spec(tags={"team": "b"}, owner="someone-else")
    assert plan(retagged, catalog, lock=lock).lock_status == "honoured"


def test_spec_change_makes_the_lock_stale(catalog: Catalog, make_spec: MakeSpec) -> None:
    lock = lock_from_plan(plan(make_spec(), catalog))
    changed = make_spec(demand={"tokens_per_second": 5000})
    p = plan(changed, catalog, lock=lock)
    assert p.lock_status == "stale" and not (p.chosen and p.chosen.locked)
    assert p.notices[-1].startswith("lock file no longer matches the spec")


def test_locked_choice_that_became_infeasible(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(demand={"tokens_per_second": 5000})
    # 1 unit: about 1,475 tokens/s, under 5,000 even at the optimistic end of its range
    lock = locked_on(spec, catalog, "g6e.xlarge", "us-east-1", 1)
    p = plan(spec, catalog, lock=lock)
    assert p.chosen is not None and p.chosen.locked and not p.chosen.feasible
    assert "cannot meet demand" in p.chosen.rejected_because[0]
    assert p.notices[-1].startswith("locked choice is no longer feasible")


def test_locked_offering_gone_from_the_catalog(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec()
    lock = lock_from_plan(plan(spec, catalog))
    doc = catalog.document.model_copy(
        update={
            "offerings": tuple(o for o in catalog.offerings if o.offering != lock.chosen.offering)
        }
    )
    with pytest.raises(LockError, match="which the catalog no longer has"):
        plan(spec, CatalogClass(doc), lock=lock)


def test_catalog_update_does_not_move_a_locked_workload(
    catalog: Catalog, make_spec: MakeSpec
) -> None:
    spec = make_spec(constraints={"portability": "none"})
    lock = lock_from_plan(plan(spec, catalog))
    cheaper = tuple(
        o.model_copy(update={"on_demand_usd_per_hour": 0.01}) if o.offering == "g6.xlarge" else o
        for o in catalog.offerings
    )
    updated = CatalogClass(catalog.document.model_copy(update={"offerings": cheaper}))
    assert plan(spec, updated).chosen.offering.offering == "g6.xlarge"  # would move...
    assert plan(spec, updated, lock=lock).chosen.offering.offering == "inf2.xlarge"  # ...but not


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ('{"version": 1}', "Field required"),
        (
            '{"version": 2, "workload": "w", "spec_hash": "h", "catalog_as_of": "2026-01-01", '
            '"chosen": {"provider": "aws", "offering": "x", "region": null, "units": 1, '
            '"accelerator": "a"}}',
            "unsupported lock file version 2",
        ),
    ],
)
def test_bad_lock_files(text: str, message: str) -> None:
    with pytest.raises(LockError, match=message):
        parse_lock(text)
