"""``aihw catalog`` table: as wide as the terminal, power with its basis, flags named,
watts as stored, prices rounded; filters that match nothing say so."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.cli import app
from pulumi_aihw.reports import catalog_table
from pulumi_aihw.reports.plan_text import number


@pytest.mark.parametrize("width", [80, 120, 200])
def test_fits_the_terminal(catalog: Catalog, width: int) -> None:
    text = catalog_table.render(catalog, catalog.offerings, width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert "W/chip" in text and "flags" in text


def test_power_basis_flags_and_prices(catalog: Catalog) -> None:
    rows = [
        *catalog.find(offering="p5.48xlarge", region="us-east-1"),
        *catalog.find(offering="inf2.xlarge", region="us-east-1"),
        *catalog.find(offering="v4-8", region="us-central2"),
        *catalog.find(offering="a3-highgpu-8g", region="us-central1"),
        *catalog.find(offering="a4-highgpu-8g", region="us-central1"),
    ]
    text = catalog_table.render(catalog, rows, width=200)
    assert "700 pub" in text  # watts as stored (the old table printed 700 as "7")
    assert "~285 est (142-285)" in text  # an estimate shows its range
    assert "170 meas <=192" in text  # TPU v4: measured mean, maximum for caps
    assert "88.49" in text and "55.04" in text  # prices rounded to cents
    assert "! " in text and "price check" in text  # a3: spot disagrees with CoCalc
    assert "no price" in text  # a4: price not published, never 0
    assert " 0.00 " not in text


def test_number_keeps_the_zeros_of_integers() -> None:
    assert (number(700), number(400.0), number(0.7582), number(13.10)) == (
        "700",
        "400",
        "0.7582",
        "13.1",
    )


def test_filters_that_match_nothing_say_so() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["catalog", "--region", "mars-1"])
    assert result.exit_code == 2
    assert "no offering in region 'mars-1'. Known regions: " in result.stderr
    result = runner.invoke(app, ["catalog", "--provider", "hetzner", "--family", "tpu"])
    assert result.exit_code == 2
    assert "no offering matches provider hetzner, family tpu" in result.stderr
