"""Fit the planner's efficiency factors on the measured results in catalog-src/calibration.

    python tools/fit_efficiency.py            # write catalog-src/efficiency_factors.json
    python tools/fit_efficiency.py --check    # exit 1 if the file is not what the data give

Only the ``fit`` split is used (two thirds of the systems, chosen by a hash:
tools/calibration/predict.py:split_of); the held-out third is for
benchmarks/validate_sizing.py. Factors are per efficiency family (the catalog's
``efficiency_family`` of each accelerator) and per link class, never per model or system.
Each is chosen from a fixed grid by least squares on log(measured / estimated) of
throughput, and of time to first token and per output token where the source measured
them (AWS Neuron tables), so the result is deterministic. Then run ``python
tools/build_catalog.py`` to package them.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pulumi_aihw.catalog.catalog import Catalog  # noqa: E402
from pulumi_aihw.catalog.load import parse_catalog  # noqa: E402
from pulumi_aihw.catalog.models import (  # noqa: E402
    Efficiency,
    InferenceFactors,
    LinkFactors,
    TrainingFactors,
)
from pulumi_aihw.planner.efficiency import POOLED, precision_class  # noqa: E402
from pulumi_aihw.planner.perf import Link  # noqa: E402
from pulumi_aihw.vocab import LinkClass  # noqa: E402
from tools.build_catalog import build_text  # noqa: E402
from tools.calibration.predict import (  # noqa: E402
    DATA,
    InferenceCase,
    InferenceParams,
    TrainingCase,
    TrainingParams,
    architectures,
    inference_case,
    observations,
    predict_inference,
    predict_training,
    read_csv,
    split_of,
    training_case,
)

OUT = ROOT / "catalog-src" / "efficiency_factors.json"
PROMPTS_OUT = DATA / "fitted_prompt_lengths.csv"
MISS = math.log(4.0) ** 2
"""Loss of a row the factors make impossible (no layout meets its latency limits)."""
BANDWIDTH_GRID = [x / 40 for x in range(4, 49)]
COMPUTE_GRID = [x / 40 for x in range(2, 37)]
LATENCY_GRID_US = [0.0, 5.0, 10.0, 20.0, 40.0, 80.0, 160.0, 320.0]
LINK_BW_GRID_GBPS = [4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1024.0]
SLO_GRID = [x / 10 for x in range(2, 11)]
PROMPT_GRID = [50, 100, 150, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 3000,
               4000, 6000, 8000, 10000, 12000, 15000, 20000]  # fmt: skip
MFU_GRID = [x / 100 for x in range(5, 91)]
PCIE_GRID = [x / 20 for x in range(4, 21)]
SCALE_GRID = [x / 100 for x in range(0, 31)]
ROUNDS = 3
SOURCE = (
    "tools/fit_efficiency.py on catalog-src/calibration/{inference,training}_measurements.csv "
    "(fit split: two thirds of the systems; benchmarks/validate_sizing.py checks the rest)"
)


def catalog_for_fit() -> Catalog:
    return Catalog(parse_catalog(build_text(efficiency=False)[0]))


def _loss(pairs: Iterable[tuple[float | None, float]]) -> float:
    total = 0.0
    for predicted, measured in pairs:
        if predicted is None or predicted <= 0:
            total += MISS
        else:
            total += math.log(measured / predicted) ** 2
    return total


def _best(grid: Sequence[object], loss: Callable[[object], float]) -> object:
    return min(grid, key=lambda value: (loss(value), str(value)))


MIN_ROWS_FOR_OWN_RANGE = 5
"""Below this many rows a family's range is the pooled one (its own would be too narrow)."""


def _quantiles(ratios: list[float]) -> tuple[float, float]:
    """10th and 90th percentiles (inclusive method); min and max below ten values."""
    if not ratios:
        return 1.0, 1.0
    if len(ratios) < 10:
        return min(ratios), max(ratios)
    cuts = statistics.quantiles(ratios, n=10, method="inclusive")
    return cuts[0], cuts[-1]


# -- inference ---------------------------------------------------------------------


class InferenceFit:
    def __init__(self, cases: list[InferenceCase]) -> None:
        self.cases = cases
        self.families = sorted({c.accelerator.efficiency_family or "" for c in cases})
        self.factors = {f: (0.6, 0.4) for f in self.families}
        self.links = {k: Link(20e-6, 100e9) for k in LinkClass}
        self.slo = 1.0
        self.prompts = {c.prompt_dataset: 500.0 for c in cases if c.prompt_dataset}

    def params(self, family: str, bandwidth: float | None = None,
               compute: float | None = None) -> InferenceParams:  # fmt: skip
        bw, cp = self.factors[family]
        return InferenceParams(
            bandwidth if bandwidth is not None else bw,
            compute if compute is not None else cp,
            self.links,
            self.slo,
            self.prompts,
        )

    def loss(self, cases: Iterable[InferenceCase]) -> float:
        return _loss(
            pair
            for c in cases
            for pair in observations(c, self.params(c.accelerator.efficiency_family or ""))
        )

    def fit_family(self, family: str) -> None:
        rows = [c for c in self.cases if (c.accelerator.efficiency_family or "") == family]

        def loss(pair: object) -> float:
            bw, cp = pair  # type: ignore[misc]
            params = self.params(family, bw, cp)
            return _loss(pair for c in rows for pair in observations(c, params))

        grid = [(b, c) for b in BANDWIDTH_GRID for c in COMPUTE_GRID]
        self.factors[family] = _best(grid, loss)  # type: ignore[assignment]

    def fit_link(self, link: LinkClass) -> None:
        rows = [c for c in self.cases if c.row["link_class"] == link.value]
        if not rows:
            return

        def loss(pair: object) -> float:
            lat, bw = pair  # type: ignore[misc]
            self.links[link] = Link(lat * 1e-6, bw * 1e9)
            return self.loss(rows)

        lat, bw = _best([(a, b) for a in LATENCY_GRID_US for b in LINK_BW_GRID_GBPS], loss)  # type: ignore[misc]
        self.links[link] = Link(lat * 1e-6, bw * 1e9)

    def fit_scalar(self, rows: list[InferenceCase], grid: Sequence[float],
                   setter: Callable[[float], None]) -> None:  # fmt: skip
        if not rows:
            return

        def loss(value: object) -> float:
            setter(float(value))  # type: ignore[arg-type]
            return self.loss(rows)

        setter(float(_best(grid, loss)))  # type: ignore[arg-type]

    def run(self) -> None:
        for _ in range(ROUNDS):
            for dataset in sorted(self.prompts):
                rows = [c for c in self.cases if c.prompt_dataset == dataset]
                self.fit_scalar(
                    rows, PROMPT_GRID, lambda v, d=dataset: self.prompts.__setitem__(d, v)
                )
            for family in self.families:
                self.fit_family(family)
            for link in LinkClass:
                self.fit_link(link)
            latency_rows = [
                c for c in self.cases if c.row["tpot_limit_ms"] or c.row["ttft_limit_ms"]
            ]
            self.fit_scalar(latency_rows, SLO_GRID, lambda v: setattr(self, "slo", v))

    def pooled(self) -> tuple[float, float]:
        def loss(pair: object) -> float:
            bw, cp = pair  # type: ignore[misc]
            params = InferenceParams(bw, cp, self.links, self.slo, self.prompts)
            return _loss(pair for c in self.cases for pair in observations(c, params))

        return _best([(b, c) for b in BANDWIDTH_GRID for c in COMPUTE_GRID], loss)  # type: ignore[return-value]

    def ratios(
        self, cases: Iterable[InferenceCase], params: Callable[[InferenceCase], InferenceParams]
    ) -> list[float]:
        out = []
        for c in cases:
            predicted = predict_inference(c, params(c))
            if predicted:
                out.append(float(c.row["measured_value"]) / predicted)
        return out


def inference_factors(fit: InferenceFit) -> tuple[list[InferenceFactors], list[LinkFactors]]:
    bw, cp = fit.pooled()
    pooled = InferenceParams(bw, cp, fit.links, fit.slo, fit.prompts)
    pooled_range = _quantiles(fit.ratios(fit.cases, lambda c: pooled))
    out = []
    for family in fit.families:
        rows = [c for c in fit.cases if (c.accelerator.efficiency_family or "") == family]
        fb, fc = fit.factors[family]
        low, high = _quantiles(fit.ratios(rows, lambda c, f=family: fit.params(f)))
        if len(rows) < MIN_ROWS_FOR_OWN_RANGE:
            low, high = pooled_range
        out.append(InferenceFactors(
            family=family, bandwidth_fraction=fb, compute_fraction=fc, rows=len(rows),
            ratio_low=round(low, 4), ratio_high=round(high, 4),
            fitted_from=tuple(sorted(c.row["id"] for c in rows)),
        ))  # fmt: skip
    out.append(InferenceFactors(
        family=POOLED, bandwidth_fraction=bw, compute_fraction=cp, rows=len(fit.cases),
        ratio_low=round(pooled_range[0], 4), ratio_high=round(pooled_range[1], 4),
    ))  # fmt: skip
    links = []
    for link in LinkClass:
        rows = [c for c in fit.cases if c.row["link_class"] == link.value]
        if rows:
            found = fit.links[link]
            links.append(LinkFactors(
                link_class=link, latency_us=round(found.latency_s * 1e6, 3),
                bandwidth_gbps=round(found.bytes_per_s / 1e9, 3), rows=len(rows),
                fitted_from=tuple(sorted(c.row["id"] for c in rows)),
            ))  # fmt: skip
    return out, links


# -- training ----------------------------------------------------------------------


def evaluation_share(rows: list[dict[str, str]]) -> float:
    """Median share of MLPerf run time outside the MLLOG training blocks (DERIVED)."""
    shares = [
        1 - float(r["train_block_minutes"]) / float(r["measured_value"])
        for r in rows
        if r["train_block_minutes"] and r["unit"] == "minutes_to_train"
    ]
    return round(statistics.median(shares), 4) if shares else 0.0


def fit_training(
    cases: list[TrainingCase], allowance: float
) -> tuple[list[TrainingFactors], float, float]:
    def key_of(c: TrainingCase) -> tuple[str, str, str]:
        return (c.accelerator.efficiency_family or "", c.method, precision_class(c.precision))

    keys = sorted({key_of(c) for c in cases})
    mfu = dict.fromkeys(keys, 0.4)
    pcie, scale = 1.0, 0.0

    def params(c: TrainingCase, m: float | None = None) -> TrainingParams:
        return TrainingParams(mfu[key_of(c)] if m is None else m, pcie, scale, allowance)

    def loss(rows: Iterable[TrainingCase], **override: float) -> float:
        return _loss((predict_training(c, params(c, override.get("m"))),
                      c.measured_tokens_per_second) for c in rows)  # fmt: skip

    pcie_rows = [c for c in cases if c.row["link_class"] == "pcie"]
    for _ in range(ROUNDS):
        for key in keys:
            rows = [c for c in cases if key_of(c) == key]
            mfu[key] = float(_best(MFU_GRID, lambda m, rows=rows: loss(rows, m=float(m))))  # type: ignore[arg-type]
        if pcie_rows:

            def set_pcie(v: object) -> float:
                nonlocal pcie
                pcie = float(v)  # type: ignore[arg-type]
                return loss(pcie_rows)

            pcie = float(_best(PCIE_GRID, set_pcie))  # type: ignore[arg-type]

        def set_scale(v: object) -> float:
            nonlocal scale
            scale = float(v)  # type: ignore[arg-type]
            return loss(cases)

        scale = float(_best(SCALE_GRID, set_scale))  # type: ignore[arg-type]
    all_ratios = [c.measured_tokens_per_second / predict_training(c, params(c)) for c in cases]
    pooled_range = _quantiles(all_ratios)
    out = []
    for key in keys:
        rows = [c for c in cases if key_of(c) == key]
        ratios = [c.measured_tokens_per_second / predict_training(c, params(c)) for c in rows]
        low, high = _quantiles(ratios) if len(rows) >= MIN_ROWS_FOR_OWN_RANGE else pooled_range
        out.append(TrainingFactors(
            family=key[0], method=key[1], precision_class=key[2], mfu=mfu[key], rows=len(rows),
            ratio_low=round(low, 4),
            ratio_high=round(high, 4), fitted_from=tuple(sorted(c.row["id"] for c in rows)),
        ))  # fmt: skip
    pooled_keys = sorted({(c.method, precision_class(c.precision)) for c in cases})
    pooled_keys += [(m, "any") for m in sorted({c.method for c in cases})]
    for method, cls in pooled_keys:
        rows = [
            c for c in cases if c.method == method and cls in ("any", precision_class(c.precision))
        ]
        m = float(_best(MFU_GRID, lambda v, rows=rows: loss(rows, m=float(v))))  # type: ignore[arg-type]
        ratios = [c.measured_tokens_per_second / predict_training(c, params(c, m)) for c in rows]
        low, high = _quantiles(ratios) if len(rows) >= MIN_ROWS_FOR_OWN_RANGE else pooled_range
        out.append(TrainingFactors(family=POOLED, method=method, precision_class=cls, mfu=m,
                                   rows=len(rows),
                                   ratio_low=round(low, 4), ratio_high=round(high, 4)))  # fmt: skip
    return out, pcie, scale


# -- the whole fit -----------------------------------------------------------------


def fit() -> tuple[Efficiency, dict[str, float]]:
    catalog = catalog_for_fit()
    arch = architectures()
    inf_cases = [
        c
        for r in read_csv(DATA / "inference_measurements.csv")
        if split_of(r) == "fit" and isinstance(c := inference_case(r, catalog, arch), InferenceCase)
    ]
    ifit = InferenceFit(inf_cases)
    ifit.run()
    inference, links = inference_factors(ifit)
    train_rows = read_csv(DATA / "training_measurements.csv")
    fit_rows = [r for r in train_rows if split_of(r) == "fit"]
    allowance = evaluation_share(fit_rows)
    tr_cases = [
        c for r in fit_rows if isinstance(c := training_case(r, catalog, arch), TrainingCase)
    ]
    training, pcie, scale = fit_training(tr_cases, allowance)
    eff = Efficiency(
        inference=tuple(inference),
        training=tuple(training),
        links=tuple(links),
        latency_slo_fraction=ifit.slo,
        training_scale_out=scale,
        training_pcie_factor=pcie,
        evaluation_allowance=allowance,
        source=SOURCE,
    )
    return eff, ifit.prompts


def render(eff: Efficiency) -> str:
    return json.dumps(eff.model_dump(mode="json"), indent=1) + "\n"


def render_prompts(prompts: dict[str, float]) -> str:
    lines = ["dataset_model,prompt_tokens,basis"]
    for model, tokens in sorted(prompts.items()):
        lines.append(
            f"{model},{tokens:g},FITTED by tools/fit_efficiency.py: the mean input length of this "
            "MLPerf dataset is not published in the sources read"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files differ")
    args = parser.parse_args()
    eff, prompts = fit()
    outputs = {OUT: render(eff), PROMPTS_OUT: render_prompts(prompts)}
    if args.check:
        stale = [p for p, text in outputs.items() if not p.exists() or p.read_text() != text]
        for path in stale:
            print(f"{path} is out of date: run python tools/fit_efficiency.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
