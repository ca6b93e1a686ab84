"""The sizing validation (docs/sizing.md, docs/sizing-validation.md) is current, and every
fitted factor is traceable to calibration rows of its own family in the fit split."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from pulumi_aihw.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "catalog-src" / "calibration"


def _module(relative: str) -> ModuleType:
    sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location(Path(relative).stem, ROOT / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


def test_validation_tables_are_current(catalog: Catalog) -> None:
    validate = _module("benchmarks/validate_sizing.py")
    assert validate.stale(catalog) == [], "run python benchmarks/validate_sizing.py"


def test_the_summary_reports_held_out_rows_for_inference_and_training() -> None:
    text = (ROOT / "docs" / "sizing.md").read_text()
    assert "| inference | held out |" in text and "| training | held out |" in text


def _rows(name: str) -> dict[str, dict[str, str]]:
    with (DATA / name).open(newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def test_factors_come_from_fit_rows_of_their_own_family(catalog: Catalog) -> None:
    from tools.calibration.predict import split_of

    eff = catalog.efficiency
    assert eff is not None
    families = {a.id: a.efficiency_family for a in catalog.accelerators}
    inference = _rows("inference_measurements.csv")
    training = _rows("training_measurements.csv")
    for f in eff.inference:
        for row_id in f.fitted_from:
            row = inference[row_id]
            assert split_of(row) == "fit", row_id
            assert families[row["accelerator_id"]] == f.family, (row_id, f.family)
        assert len(f.fitted_from) == (f.rows if f.family != "*" else 0)
    for t in eff.training:
        for row_id in t.fitted_from:
            row = training[row_id]
            assert split_of(row) == "fit", row_id
            assert families[row["accelerator_id"]] == t.family, (row_id, t.family)
    for link in eff.links:
        assert {inference[i]["link_class"] for i in link.fitted_from} == {str(link.link_class)}


def test_no_factor_is_keyed_by_model_or_system(catalog: Catalog) -> None:
    eff = catalog.efficiency
    assert eff is not None
    known = {a.efficiency_family for a in catalog.accelerators} | {"*"}
    assert {f.family for f in eff.inference} <= known
    assert {t.family for t in eff.training} <= known
    assert {t.method for t in eff.training} <= {"pretraining", "lora"}


def test_a_changed_factor_makes_the_tables_stale(catalog: Catalog) -> None:
    validate = _module("benchmarks/validate_sizing.py")
    eff = catalog.efficiency
    assert eff is not None
    bumped = eff.model_copy(update={"latency_slo_fraction": eff.latency_slo_fraction / 2})
    changed = Catalog(catalog.document.model_copy(update={"efficiency": bumped}))
    assert validate.stale(changed) != []


def test_measured_latency_is_fitted_and_checked_where_the_source_gives_it(
    catalog: Catalog,
) -> None:
    from tools.calibration.predict import (
        InferenceParams,
        architectures,
        inference_case,
        observations,
    )

    rows = _rows("inference_measurements.csv")
    neuron = rows["neuron-inf2-03-llama-3-8b-2048-2048"]
    assert (neuron["ttft_p50_ms"], neuron["tpot_p50_ms"]) == ("823.53", "10.5")
    params = InferenceParams(0.5, 0.2, {}, 1.0, {})
    case = inference_case(neuron, catalog, architectures())
    pairs = observations(case, params)  # throughput, time to first token, per output token
    assert [measured for _, measured in pairs] == [759.15, 0.82353, 0.0105]
    assert all(estimated and estimated > 0 for estimated, _ in pairs)
    mlperf = next(r for r in rows.values() if r["source_kind"] == "mlperf_inference")
    assert not mlperf["ttft_p50_ms"]
    text = (ROOT / "docs" / "sizing.md").read_text()
    assert "| held out | time to first token |" in text
