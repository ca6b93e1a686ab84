"""Monthly TCO on hand-checked cases (see tests/baremetal/inventories.py for the servers).

h100-a: 8 x 700 W + 224 threads x 10 W = 7.84 kW IT; x PUE 1.4 x 730 h = 8,012.48 kWh;
x 0.21 = 1,682.6208; + 280,000 / 36 = 7,777.78; + colo 450 = 9,910.40 per month.
l40s-a: 4 x 350 W + 128 x 10 W = 2.68 kW; x 1.4 x 730 = 2,738.96 kWh; x 0.21 = 575.1816;
+ rent 2,400 = 2,975.18 per month.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_aihw.baremetal.power import server_power_kw
from pulumi_aihw.baremetal.tco import hours_per_month, server_tco, usd_rate
from tests.baremetal.inventories import GOOD, load


def tco_of(tmp_path: Path, name: str, text: str = GOOD, **kwargs: object):  # type: ignore[no-untyped-def]
    loaded = load(tmp_path, text)
    server = loaded.server(name)
    kw = server_power_kw(server, loaded.accelerators[name])
    return kw, server_tco(server, loaded.site_of(server), kw, **kwargs)  # type: ignore[arg-type]


def test_purchased_server_amortized_plus_energy_plus_colo(tmp_path: Path) -> None:
    kw, tco = tco_of(tmp_path, "h100-a")
    assert kw == pytest.approx(7.84)
    assert tco.hardware_per_month == pytest.approx(7777.7778, abs=1e-3)
    assert tco.energy_kwh_per_month == pytest.approx(8012.48)
    assert tco.energy_per_month == pytest.approx(1682.6208)
    assert tco.colo_per_month == 450
    assert tco.total_per_month == pytest.approx(9910.3986, abs=1e-3)
    assert tco.usd_per_month == pytest.approx(9910.3986, abs=1e-3)


def test_rented_server_rent_plus_energy(tmp_path: Path) -> None:
    kw, tco = tco_of(tmp_path, "l40s-a")
    assert kw == pytest.approx(2.68)
    assert tco.to_usd_dict() == {
        "hardware_usd_per_month": 2400.0,
        "energy_usd_per_month": 575.18,
        "colo_usd_per_month": 0.0,
        "usd_per_month": 2975.18,
        "energy_kwh_per_month": 2739.0,
    }


def test_part_day_service_pays_energy_only_while_running(tmp_path: Path) -> None:
    assert hours_per_month(24) == pytest.approx(730)
    assert hours_per_month(8) == pytest.approx(243.3333, abs=1e-3)
    _, tco = tco_of(tmp_path, "l40s-a", hours_per_day=8)
    # 2.68 kW x 1.4 x 243.33 h = 912.99 kWh; x 0.21 = 191.73; rent is paid anyway
    assert tco.energy_per_month == pytest.approx(191.7272, abs=1e-3)
    assert tco.total_per_month == pytest.approx(2591.7272, abs=1e-3)


def test_other_currencies_convert_with_the_specs_rate_or_stay_unknown(tmp_path: Path) -> None:
    text = GOOD.replace(
        "electricity_price_per_kwh: 0.21", "electricity_price_per_kwh: 0.2\n    currency: EUR"
    )
    _, no_rate = tco_of(tmp_path, "l40s-a", text)
    assert no_rate.currency == "EUR" and no_rate.usd_per_month is None  # unknown, never 0
    assert no_rate.to_usd_dict()["usd_per_month"] is None
    # 2,400 EUR + 2,738.96 kWh x 0.20 EUR = 2,947.792 EUR; x 1.08 = 3,183.61 USD
    _, rated = tco_of(tmp_path, "l40s-a", text, exchange_rates_usd={"EUR": 1.08})
    assert rated.total_per_month == pytest.approx(2947.792)
    assert rated.usd_per_month == pytest.approx(3183.6154, abs=1e-3)
    assert usd_rate("USD", {}) == 1.0 and usd_rate("GBP", {"EUR": 1.08}) is None


def test_power_limited_cards_and_measured_threads(tmp_path: Path) -> None:
    text = GOOD.replace("model: l40s, count: 4}", "model: l40s, count: 4, tdp_watts: 300}")
    text = text.replace("cpu_cores: 64\n", "cpu_cores: 64\n    cpu_threads: 64\n")
    kw, tco = tco_of(tmp_path, "l40s-a", text)
    assert kw == pytest.approx(1.84)  # 4 x 300 W + 64 x 10 W
    assert tco.energy_per_month == pytest.approx(1.84 * 1.4 * 730 * 0.21)
