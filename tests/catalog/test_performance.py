"""Low-precision peaks, link classes and efficiency families (catalog-src/
accelerator_performance.csv) and the fitted factors (efficiency_factors.json)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.catalog.performance import apply_performance, parse_efficiency, performance_rows
from pulumi_aihw.errors import CatalogError
from pulumi_aihw.vocab import LinkClass

SRC = Path(__file__).resolve().parents[2] / "catalog-src"
HEADER = "accelerator,int8_dense_tops,fp4_dense_tflops,link_class,efficiency_family,source\n"


def test_every_accelerator_has_a_link_class_and_an_efficiency_family(catalog: Catalog) -> None:
    missing = [a.id for a in catalog.accelerators if not a.link_class or not a.efficiency_family]
    assert missing == [], f"add these to catalog-src/accelerator_performance.csv: {missing}"


def test_low_precision_peaks_are_carried(catalog: Catalog) -> None:
    assert catalog.accelerator("b200").fp4_dense_tflops == 9000
    assert catalog.accelerator("h100-sxm").int8_dense_tops == 1979
    assert catalog.accelerator("tpu-v6e").int8_dense_tops == 1836
    assert catalog.accelerator("l40s").link_class is LinkClass.PCIE
    assert catalog.accelerator("mi300x").link_class is LinkClass.XGMI


def test_the_catalog_carries_fitted_factors_with_their_rows(catalog: Catalog) -> None:
    eff = catalog.efficiency
    assert eff is not None and eff.source.startswith("tools/fit_efficiency.py")
    assert all(f.fitted_from for f in eff.inference if f.family != "*")
    assert {str(k.link_class) for k in eff.links} >= {"nvlink", "pcie"}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("NVIDIA L4,,,pcie-5,nvidia-gpu,x", "line 2: link_class 'pcie-5' is not one of nvlink"),
        ("NVIDIA L4,-3,,pcie,nvidia-gpu,x", "line 2: -3 must be positive"),
        ("NVIDIA L4,lots,,pcie,nvidia-gpu,x", "line 2: 'lots' is not a number"),
    ],
)
def test_bad_performance_rows_say_where_and_what(row: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        performance_rows(HEADER + row + "\n")


def test_a_name_listed_twice_is_an_error() -> None:
    row = "NVIDIA L4,,,pcie,nvidia-gpu,x\n"
    with pytest.raises(CatalogError, match="line 3: 'NVIDIA L4' is listed twice"):
        performance_rows(HEADER + row + row)


def test_unknown_accelerators_are_reported_not_fatal(catalog: Catalog) -> None:
    text = HEADER + "NVIDIA L4,100,,pcie,nvidia-gpu,x\nNVIDIA Z9,,,pcie,nvidia-gpu,x\n"
    doc, skipped = apply_performance(catalog.document, text, None)
    l4 = next(a for a in doc.accelerators if a.id == "l4")
    assert l4.int8_dense_tops == 100 and doc.efficiency is None
    assert skipped == ["accelerator_performance.csv: 'NVIDIA Z9' is not in the catalog (skipped)"]


def test_bad_factors_file_is_located() -> None:
    text = (SRC / "efficiency_factors.json").read_text().replace('"mfu": 0.', '"mfu": 7.', 1)
    with pytest.raises(CatalogError, match=r"efficiency_factors.json: training\.0\.mfu"):
        parse_efficiency(text)
