"""Build a catalog snapshot from sourced CSV rows.

Pure functions over CSV text: ``tools/build_catalog.py`` feeds them the files in
``catalog-src/`` (copied from the research data) and writes the packaged
``catalog.json``; ``aihw catalog refresh`` reuses :func:`clean_price` for fresh
prices (:mod:`pulumi_aihw.catalog.refresh`). Rules applied here, each with a test:

- every offering's accelerator must exist; rows without one are dropped;
- zero, negative and known sentinel prices are rejected (the value becomes
  unknown); a row left with no usable price and no known gap is dropped;
- billing units are normalized: per hour, per TPU chip-hour (expanded to the
  slice sizes users order), per slice-hour, per month (native currency kept),
  per year (divided by 12);
- every row keeps its source and gets an ``as_of`` date from its source.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pulumi_aihw.catalog.models import Accelerator, CatalogDocument, Offering
from pulumi_aihw.catalog.tpu import TPU_GENERATIONS, TpuGeneration
from pulumi_aihw.errors import CatalogError
from pulumi_aihw.vocab import Deployment, Family, Framework, Provider

# Prices the sources use as placeholders, not prices (hardware_notes.md section 2.3).
SENTINEL_PRICES: frozenset[float] = frozenset({700.0})

# Providers priced in the research data that have no deployment target here.
PLAN_ONLY_PROVIDERS: dict[str, str] = {
    "lambda": "Lambda is a GPU cloud with no Pulumi target in pulumi-aihw",
    "ovhcloud": "OVHcloud public-cloud GPU instances have no Pulumi target in pulumi-aihw",
}

BARE_METAL_PROVIDERS = frozenset({"hetzner", "qubrid", "hotaisle"})

# Ids and aliases for the accelerator names used by the sources.
ACCELERATOR_META: dict[str, tuple[str, tuple[str, ...]]] = {
    "NVIDIA H100 SXM": ("h100-sxm", ("h100", "h100-sxm5", "h100-80gb")),
    "NVIDIA H100 PCIe": ("h100-pcie", ()),
    "NVIDIA H200": ("h200", ("h200-sxm",)),
    "NVIDIA B200": ("b200", ()),
    "NVIDIA B300": ("b300", ()),
    "NVIDIA A100 40GB": ("a100-40gb", ("a100-sxm4-40gb",)),
    "NVIDIA A100 80GB": ("a100-80gb", ("a100-sxm4-80gb",)),
    "NVIDIA L40S": ("l40s", ()),
    "NVIDIA L4": ("l4", ()),
    "NVIDIA A10G": ("a10g", ()),
    "NVIDIA T4": ("t4", ()),
    "AMD Instinct MI300X": ("mi300x", ()),
    "Intel Gaudi (HL-205)": ("gaudi", ("gaudi1", "hl-205")),
    "Intel Gaudi 2": ("gaudi2", ()),
    "Intel Gaudi 3": ("gaudi3", ()),
    "Google TPU v4": ("tpu-v4", ("v4",)),
    "Google TPU v5e": ("tpu-v5e", ("v5e", "v5litepod", "tpu-v5-lite")),
    "Google TPU v5p": ("tpu-v5p", ("v5p",)),
    "Google TPU v6e (Trillium)": ("tpu-v6e", ("v6e", "trillium")),
    "Google TPU7x (Ironwood)": ("tpu7x", ("ironwood", "tpu-v7")),
    "AWS Inferentia": ("inferentia", ("inferentia1", "inf1")),
    "AWS Inferentia2": ("inferentia2", ("inf2",)),
    "AWS Trainium": ("trainium", ("trainium1", "trn1")),
    "AWS Trainium2": ("trainium2", ("trn2",)),
    "AWS Trainium3": ("trainium3", ("trn3",)),
    "NVIDIA RTX PRO 4000 Blackwell SFF": ("rtx-pro-4000-blackwell-sff", ("rtx-pro-4000",)),
    "NVIDIA RTX PRO 6000 Blackwell Max-Q": ("rtx-pro-6000-blackwell-max-q", ("rtx-pro-6000",)),
    "NVIDIA RTX PRO 6000 Blackwell Server": (
        "rtx-pro-6000-blackwell-server",
        ("rtx-pro-6000-server", "rtx-pro-server-6000"),
    ),
    "NVIDIA V100 SXM2 16GB": ("v100-16gb", ("v100", "v100-sxm2", "tesla-v100")),
    "NVIDIA V100 SXM2 32GB": ("v100-32gb", ("v100-sxm2-32gb",)),
    "NVIDIA GB200": ("gb200", ("gb200-nvl72",)),
    "NVIDIA H100 NVL": ("h100-nvl", ("h100nvl",)),
    "NVIDIA A100 80GB PCIe": ("a100-80gb-pcie", ("a100-pcie-80gb",)),
    "NVIDIA A10": ("a10", ()),
}

INSTANCE_FACTS_FILE = "catalog-src/instance_facts.csv"
"""Per-type network facts of cloud instances (multi-node, EFA cards, Capacity Blocks)."""


@dataclass(frozen=True, slots=True)
class SourceDate:
    marker: str
    as_of: dt.date
    why: str


# How each source is dated (catalog-src/README.md explains each choice).
SOURCE_DATES: tuple[SourceDate, ...] = (
    SourceDate(
        "skypilot-org/skypilot-catalog",
        dt.date(2026, 8, 31),
        "catalog commit date not visible; prices corroborated by dstack PR #4110 (Aug 2026)",
    ),
    SourceDate("Exomem", dt.date(2026, 10, 7), "page says 'Checked on 7 October 2026'"),
    SourceDate("qubrid-ai", dt.date(2026, 9, 20), "generated 2026-09-20"),
    SourceDate("hotaisle/hotaisle-website", dt.date(2026, 7, 14), "site blog post 2026-07-14"),
    SourceDate("dstack/issues/1155", dt.date(2024, 6, 30), "undated issue, about 2024"),
)
# Spec sheets are stable; they are dated by the research snapshot that read them.
ACCELERATOR_SPECS_AS_OF = dt.date(2026, 10, 7)


@dataclass
class BuildReport:
    dropped: list[str] = field(default_factory=list)
    """Rows rejected entirely, each with its reason."""
    rejected_values: list[str] = field(default_factory=list)
    """Single values (sentinel or zero prices) rejected and made unknown."""


def _rows(text: str) -> list[dict[str, str]]:
    return [
        {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))
    ]


def _num(value: str) -> float | None:
    return float(value) if value else None


def date_for_source(source: str) -> dt.date:
    for sd in SOURCE_DATES:
        if sd.marker in source:
            return sd.as_of
    raise CatalogError(f"no as_of date known for source '{source[:80]}': add it to SOURCE_DATES")


def build_accelerators(text: str) -> list[Accelerator]:
    out = []
    for row in _rows(text):
        name = row["accelerator"]
        if name not in ACCELERATOR_META:
            raise CatalogError(f"accelerators.csv: no id for '{name}': add it to ACCELERATOR_META")
        acc_id, aliases = ACCELERATOR_META[name]
        frameworks = tuple(Framework(f) for f in row["frameworks"].split(";") if f)
        out.append(
            Accelerator(
                id=acc_id,
                name=name,
                aliases=aliases,
                vendor=row["vendor"],
                family=Family(row["family"]),
                memory_gib=_num(row["memory_gib"]),
                memory_bandwidth_gbps=_num(row["memory_bw_gbps"]),
                bf16_dense_tflops=_num(row["bf16_dense_tflops"]),
                fp8_dense_tflops=_num(row["fp8_dense_tflops"]),
                tdp_watts=_num(row["tdp_watts"]),
                tdp_is_measured="measured" in row["source"] and "not a TDP" in row["source"],
                trains=row["trains"] == "yes",
                frameworks=frameworks,
                vendor_sdk=row["vendor_sdk"],
                interconnect=row["interconnect"] or None,
                source=row["source"],
                as_of=ACCELERATOR_SPECS_AS_OF,
            )
        )
    return out


def clean_price(value: float | None, what: str, report: BuildReport) -> float | None:
    """The price, or ``None`` (recorded in ``report``) for a zero or sentinel value."""
    if value is None:
        return None
    if value <= 0 or value in SENTINEL_PRICES:
        report.rejected_values.append(f"{what}: {value} rejected (zero or sentinel price)")
        return None
    return value


@dataclass
class _Pending:
    """A normalized row before it becomes an immutable :class:`Offering`."""

    fields: dict[str, object]
    explicit: bool = True


def _tpu_rows(
    row: dict[str, str],
    gen: TpuGeneration,
    od: float | None,
    spot: float | None,
    unit: str,
    base: dict[str, object],
) -> list[_Pending]:
    chips_in_row = int(float(row["accelerator_count"]))
    if unit == "chip-hour":
        sizes = gen.slice_chips
        per_chip_od, per_chip_spot = od, spot
        explicit = False
    else:  # slice-hour: one slice, as priced
        sizes = (chips_in_row,)
        per_chip_od = od / chips_in_row if od else None
        per_chip_spot = spot / chips_in_row if spot else None
        explicit = True
    out = []
    for chips in sizes:
        fields = dict(base)
        fields.update(
            offering=gen.slice_name(chips),
            accelerators_per_unit=chips,
            unit_kind="slice",
            hosts_per_unit=gen.hosts(chips),
            on_demand_usd_per_hour=round(per_chip_od * chips, 6) if per_chip_od else None,
            spot_usd_per_hour=round(per_chip_spot * chips, 6) if per_chip_spot else None,
            multi_node=True,
        )
        if not explicit:
            fields["source"] = (
                f"{row['source']}; DERIVED slice price = {chips} chips x per-chip price "
                f"(TPU prices are linear in chips: hardware_notes.md section 3)"
            )
        out.append(_Pending(fields, explicit))
    return out


_SETUP = re.compile(r"\+(?:EUR|USD)\s*([\d.]+)\s*setup")


def normalize_offering_rows(
    text: str,
    accelerators: dict[str, Accelerator],
    report: BuildReport,
) -> list[_Pending]:
    """Normalize one offerings CSV (the research data's column layout)."""
    by_name = {a.name: a for a in accelerators.values()}
    out: list[_Pending] = []
    for row in _rows(text):
        label = f"{row['provider']} {row['offering']} {row['region'] or '-'}"
        acc = _row_accelerator(row, label, by_name, report)
        if acc is None:
            continue
        od = clean_price(_num(row["on_demand_usd_per_hour"]), f"{label} on-demand", report)
        spot = clean_price(_num(row["spot_usd_per_hour"]), f"{label} spot", report)
        if (
            (row["on_demand_usd_per_hour"] or row["spot_usd_per_hour"])
            and od is None
            and (spot is None)
        ):
            report.dropped.append(f"{label}: every price in the row is a zero or sentinel value")
            continue
        base = _base_fields(row, acc)
        unit = row["billing_unit"]
        gen = TPU_GENERATIONS.get(acc.id)
        if gen is not None and unit in ("chip-hour", "slice-hour"):
            out.extend(_tpu_rows(row, gen, od, spot, unit, base))
        elif unit.startswith("hour (Capacity Block"):
            base.update(offering=row["offering"].split(" (")[0], capacity_block_usd_per_hour=od)
            out.append(_Pending(base, explicit=False))  # merged into its on-demand row
        else:
            _apply_billing_unit(base, row, unit, od, spot, label)
            out.append(_Pending(base))
    return out


def _row_accelerator(
    row: dict[str, str], label: str, by_name: dict[str, Accelerator], report: BuildReport
) -> Accelerator | None:
    """The row's accelerator, or ``None`` (and the reason recorded) if the row is dropped."""
    if row["provider"] in PLAN_ONLY_PROVIDERS:
        report.dropped.append(f"{label}: {PLAN_ONLY_PROVIDERS[row['provider']]}")
        return None
    acc = by_name.get(row["accelerator"])
    if acc is None:
        why = (
            f"unknown accelerator '{row['accelerator']}'"
            if row["accelerator"]
            else "no accelerator named in the source"
        )
        report.dropped.append(f"{label}: {why}")
    return acc


def _base_fields(row: dict[str, str], acc: Accelerator) -> dict[str, object]:
    deployment = (
        Deployment.BARE_METAL if row["provider"] in BARE_METAL_PROVIDERS else Deployment.CLOUD
    )
    return dict(
        provider=Provider(row["provider"]),
        offering=row["offering"],
        deployment=deployment,
        accelerator_id=acc.id,
        accelerators_per_unit=float(row["accelerator_count"]),
        unit_kind="server" if deployment is Deployment.BARE_METAL else "instance",
        vcpus=_num(row["vcpus"]),
        memory_gib=_num(row["memory_gib"]),
        region=row["region"] or None,
        source=row["source"],
        as_of=date_for_source(row["source"]),
    )


def _apply_billing_unit(
    base: dict[str, object],
    row: dict[str, str],
    unit: str,
    od: float | None,
    spot: float | None,
    label: str,
) -> None:
    """Prices per hour, month (native currency kept) or year (divided by 12)."""
    rented = base["deployment"] is Deployment.BARE_METAL
    if unit == "hour":
        base.update(on_demand_usd_per_hour=od, spot_usd_per_hour=spot)
    elif unit.startswith("month"):
        setup = _SETUP.search(unit)
        base.update(
            offering=row["offering"].split(" (")[0],
            monthly_price=od,
            price_currency="EUR" if "EUR" in unit else "USD",
            setup_fee=float(setup.group(1)) if setup else None,
            requires_order=rented,
        )
    elif unit.startswith("year"):
        base.update(
            monthly_price=round(od / 12, 2) if od else None,
            price_currency="USD",
            requires_order=rented,
            source=f"{row['source']}; DERIVED monthly = yearly / 12",
        )
    else:
        raise CatalogError(f"{label}: unknown billing unit '{unit}'")


def _apply_adjustments(pending: list[_Pending], text: str, report: BuildReport) -> None:
    index: dict[tuple[str, str, object], list[_Pending]] = {}
    for p in pending:
        index.setdefault(
            (str(p.fields["provider"]), str(p.fields["offering"]), p.fields.get("region")), []
        ).append(p)
    for adj in _rows(text):
        key = (adj["provider"], adj["offering"], adj["region"] or None)
        targets = index.get(key)
        if not targets:
            raise CatalogError(f"adjustments.csv: no offering {key} to adjust")
        for p in targets:
            if adj["action"] == "unknown":
                if p.fields.get(adj["field"]) is not None:
                    report.rejected_values.append(
                        f"{key[0]} {key[1]} {key[2]} {adj['field']}: "
                        f"{p.fields[adj['field']]} made unknown ({adj['reason']})"
                    )
                p.fields[adj["field"]] = None
                _add_flag(p, f"price unknown: {adj['reason']}")
            elif adj["action"] == "flag":
                _add_flag(p, adj["reason"])
            else:
                raise CatalogError(f"adjustments.csv: unknown action '{adj['action']}'")


def _add_flag(p: _Pending, flag: str) -> None:
    flags: tuple[str, ...] = tuple(p.fields.get("flags", ()))  # type: ignore[arg-type]
    if flag not in flags:
        p.fields["flags"] = (*flags, flag)


def _merge(pending: Iterable[_Pending]) -> list[dict[str, object]]:
    """One offering per key: explicit rows win over derived ones; capacity blocks merge in."""
    merged: dict[tuple[str, str, object], _Pending] = {}
    blocks: list[_Pending] = []
    for p in pending:
        if p.fields.get("capacity_block_usd_per_hour") is not None:
            blocks.append(p)
            continue
        key = (str(p.fields["provider"]), str(p.fields["offering"]), p.fields.get("region"))
        old = merged.get(key)
        if old is None or (p.explicit and not old.explicit):
            merged[key] = p
    for b in blocks:
        matches = [
            p
            for (prov, off, _), p in merged.items()
            if prov == str(b.fields["provider"])
            and off == b.fields["offering"]
            and p.fields.get("on_demand_usd_per_hour") is not None
        ]
        if not matches:
            raise CatalogError(
                f"capacity-block price for {b.fields['offering']} matches no offering"
            )
        target = sorted(matches, key=lambda p: str(p.fields.get("region")))[0]
        target.fields["capacity_block_usd_per_hour"] = b.fields["capacity_block_usd_per_hour"]
        target.fields["source"] = (
            f"{target.fields['source']} | capacity block: {b.fields['source']}"
        )
        target.fields["capacity_block_as_of"] = b.fields["as_of"]
        _add_flag(
            target,
            "capacity-block price is a single data point (about 2024, region not "
            "stated in the source)",
        )
    return [p.fields for _, p in sorted(merged.items(), key=lambda kv: str(kv[0]))]


def _quality_flags(fields: dict[str, object]) -> None:
    od, spot = fields.get("on_demand_usd_per_hour"), fields.get("spot_usd_per_hour")
    flags = list(fields.get("flags", ()))  # type: ignore[call-overload]
    if isinstance(od, float) and isinstance(spot, float) and spot >= od:
        flags.append(f"spot price ({spot}) is not below on-demand ({od}) in the source")
    if od is None and fields.get("monthly_price") is None:
        flags.append(
            "no on-demand price in the source (sold through reservations or capacity blocks)"
        )
    if fields.get("price_currency") not in (None, "USD"):
        flags.append(
            f"priced in {fields['price_currency']}: converted with the spec's exchange_rates_usd"
        )
    fields["flags"] = tuple(dict.fromkeys(flags))


def parse_instance_facts(text: str) -> dict[tuple[str, str], dict[str, object]]:
    """``instance_facts.csv``: (provider, offering) -> the offering fields it owns."""
    out: dict[tuple[str, str], dict[str, object]] = {}
    for row in _rows(text):
        key = (row["provider"], row["offering"])
        if key in out:
            raise CatalogError(f"{INSTANCE_FACTS_FILE}: {key[0]} {key[1]} is listed twice")
        out[key] = {
            "multi_node": row["multi_node"] == "true",
            "efa_first_card": int(row["efa_first_card"] or 0),
            "efa_cards": int(row["efa_cards"] or 0),
            "capacity_blocks": row["capacity_blocks"] == "true",
        }
    return out


def _apply_instance_facts(
    fields: dict[str, object], facts: dict[tuple[str, str], dict[str, object]]
) -> None:
    """Cloud instances take their network facts from the facts table (TPU slices and
    bare-metal servers have their own rules)."""
    if fields["deployment"] is not Deployment.CLOUD or fields["unit_kind"] == "slice":
        return
    key = (str(fields["provider"]), str(fields["offering"]))
    found = facts.get(key)
    if found is None:
        raise CatalogError(
            f"{key[0]} {key[1]} has no row in {INSTANCE_FACTS_FILE} (multi_node, EFA cards, "
            "Capacity Block support). To fix: add one, from EC2 DescribeInstanceTypes for AWS"
        )
    fields.update(found)


def build_catalog(
    accelerators_csv: str,
    offerings_csvs: Iterable[str],
    adjustments_csv: str = "provider,offering,region,action,field,reason\n",
    built_from: str = "catalog-src/",
    *,
    instance_facts_csv: str,
) -> tuple[CatalogDocument, BuildReport]:
    """Build a validated catalog document; raises :class:`CatalogError` on inconsistent input."""
    report = BuildReport()
    facts = parse_instance_facts(instance_facts_csv)
    accelerators = {a.id: a for a in build_accelerators(accelerators_csv)}
    pending: list[_Pending] = []
    for text in offerings_csvs:
        pending.extend(normalize_offering_rows(text, accelerators, report))
    _apply_adjustments(pending, adjustments_csv, report)
    offerings = []
    for fields in _merge(pending):
        _apply_instance_facts(fields, facts)
        _quality_flags(fields)
        offerings.append(Offering.model_validate(fields))
    dates = [o.as_of for o in offerings] or [ACCELERATOR_SPECS_AS_OF]
    doc = CatalogDocument(
        as_of=max(dates),
        built_from=built_from,
        accelerators=tuple(sorted(accelerators.values(), key=lambda a: a.id)),
        offerings=tuple(offerings),
        dropped=tuple(report.dropped + report.rejected_values),
    )
    return doc, report
