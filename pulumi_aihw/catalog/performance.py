"""Performance facts beside the spec sheets: low-precision peaks, link class, efficiency.

Pure functions over file text, kept apart from :mod:`pulumi_aihw.catalog.build` (which
reads prices and spec sheets): ``tools/build_catalog.py`` applies them after the build.

- ``catalog-src/accelerator_performance.csv``: per accelerator name, the dense INT8 and
  FP4 peaks, the link class of its tensor-parallel group and its efficiency family,
  each with its source. Rows naming an accelerator the catalog lacks are reported and
  skipped (another source may add the accelerator later).
- ``catalog-src/efficiency_factors.json``: the fitted factors written by
  ``tools/fit_efficiency.py``, validated as :class:`~pulumi_aihw.catalog.models.Efficiency`.
"""

from __future__ import annotations

import csv
import io

from pydantic import ValidationError

from pulumi_aihw.catalog.models import Accelerator, CatalogDocument, Efficiency
from pulumi_aihw.errors import CatalogError
from pulumi_aihw.vocab import LinkClass

_COLUMNS = ("accelerator", "int8_dense_tops", "fp4_dense_tflops", "link_class",
            "efficiency_family", "source")  # fmt: skip


def _num(value: str, where: str) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise CatalogError(f"{where}: '{value}' is not a number") from None
    if number <= 0:
        raise CatalogError(f"{where}: {number:g} must be positive (leave it empty if unknown)")
    return number


def performance_rows(text: str) -> dict[str, dict[str, object]]:
    """Accelerator name -> the fields to set on it."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CatalogError(f"accelerator_performance.csv: missing columns {', '.join(missing)}")
    out: dict[str, dict[str, object]] = {}
    for line, row in enumerate(reader, start=2):
        where = f"accelerator_performance.csv line {line}"
        name = (row["accelerator"] or "").strip()
        if name in out:
            raise CatalogError(f"{where}: '{name}' is listed twice")
        link = (row["link_class"] or "").strip()
        if link and link not in LinkClass.values():
            raise CatalogError(
                f"{where}: link_class '{link}' is not one of {', '.join(LinkClass.values())}"
            )
        out[name] = {
            "int8_dense_tops": _num((row["int8_dense_tops"] or "").strip(), where),
            "fp4_dense_tflops": _num((row["fp4_dense_tflops"] or "").strip(), where),
            "link_class": LinkClass(link) if link else None,
            "efficiency_family": (row["efficiency_family"] or "").strip() or None,
        }
    return out


def parse_efficiency(text: str) -> Efficiency:
    try:
        return Efficiency.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CatalogError(f"efficiency_factors.json: {where}: {first['msg']}") from None


def apply_performance(
    doc: CatalogDocument, performance_csv: str, efficiency_json: str | None
) -> tuple[CatalogDocument, list[str]]:
    """The document with performance fields and efficiency factors, and the rows skipped."""
    rows = performance_rows(performance_csv)
    accelerators: list[Accelerator] = []
    for acc in doc.accelerators:
        update = rows.pop(acc.name, None)
        accelerators.append(acc.model_copy(update=update) if update else acc)
    skipped = [
        f"accelerator_performance.csv: '{name}' is not in the catalog (skipped)" for name in rows
    ]
    efficiency = parse_efficiency(efficiency_json) if efficiency_json else None
    updated = doc.model_copy(update={"accelerators": tuple(accelerators), "efficiency": efficiency})
    return updated, skipped
