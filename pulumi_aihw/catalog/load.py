"""Loading catalog snapshots: the packaged one, or a refreshed file.

Nothing is read at import time; :func:`load_catalog` reads on first call and
caches the parsed snapshot per path.
"""

from __future__ import annotations

import functools
import json
import os
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from pulumi_aihw.catalog.catalog import Catalog
from pulumi_aihw.catalog.models import CatalogDocument
from pulumi_aihw.errors import CatalogError, Problem
from pulumi_aihw.inputs import MAX_JSON_BYTES, parse_json, read_text

CATALOG_ENV = "AIHW_CATALOG"
"""Environment variable naming a catalog snapshot to use instead of the packaged one."""


def packaged_catalog_path() -> Path:
    return Path(str(resources.files("pulumi_aihw.catalog") / "data" / "catalog.json"))


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """The catalog at ``path``, else ``$AIHW_CATALOG``, else the packaged snapshot."""
    chosen = path if path is not None else os.environ.get(CATALOG_ENV) or None
    return _load(str(chosen) if chosen is not None else None)


@functools.lru_cache(maxsize=8)
def _load(path: str | None) -> Catalog:
    file = Path(path) if path else packaged_catalog_path()
    text = read_text(file, "catalog", CatalogError, MAX_JSON_BYTES)
    return Catalog(parse_catalog(text, str(file)))


def parse_catalog(text: str, name: str = "<catalog>") -> CatalogDocument:
    """A catalog document, validated against its model (numbers checked as parsed)."""
    data = parse_json(text, name, CatalogError)
    try:
        doc = CatalogDocument.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(e["msg"], file=name, path=".".join(str(p) for p in e["loc"]))
            for e in exc.errors(include_input=False)[:20]
        ]
        if exc.error_count() > 20:
            problems.append(Problem(f"... and {exc.error_count() - 20} more problems", file=name))
        raise CatalogError(problems) from None
    ids = {a.id for a in doc.accelerators}
    missing = sorted({o.accelerator_id for o in doc.offerings} - ids)
    if missing:
        raise CatalogError(
            Problem(f"offerings refer to unknown accelerators: {', '.join(missing)}", file=name)
        )
    return doc


def dump_catalog(doc: CatalogDocument) -> str:
    """Stable, diff-friendly JSON for a snapshot."""
    return json.dumps(doc.model_dump(mode="json", exclude_defaults=True), indent=1) + "\n"
