"""The check results of unchanged stacks: a stack whose preview key, policy config, date,
catalog and aihw version are the same as in an earlier run is not checked again.

A result's key (:func:`result_key`) is a SHA-256 over the stack's preview key
(:func:`pulumi_aihw.check.cache.stack_key`: its files, referenced files, the catalog its
program plans with, versions), the folder as reports show it (findings point at its
files), the ``--policy-config`` file's config, the date catalog age is judged on, and the
catalog the rules read (``--catalog``, ``$AIHW_CATALOG`` or the packaged one). The
profile's ``policy:`` is part of the preview. Entries live beside the previews
(:class:`~pulumi_aihw.check.cache.JsonStore`, atomic writes); a bad entry is a miss.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from typing import Any

from pulumi_aihw.check.cache import JsonStore, file_digest, versions
from pulumi_aihw.check.models import StackResult
from pulumi_aihw.check.serialize import stack_from_dict, stack_to_dict
from pulumi_aihw.errors import InputError

PREFIX = "result-"


def catalog_file(path: str | os.PathLike[str] | None) -> str:
    """The catalog file the check reads (``--catalog``, else ``$AIHW_CATALOG``, else the
    packaged snapshot), as :func:`pulumi_aihw.catalog.load_catalog` resolves it."""
    from pulumi_aihw.catalog.load import CATALOG_ENV, packaged_catalog_path

    chosen = path if path is not None else os.environ.get(CATALOG_ENV) or None
    return str(chosen) if chosen is not None else str(packaged_catalog_path())


def result_key(
    preview_key: str,
    stack_dir: str,
    config: Mapping[str, Any],
    today: dt.date,
    catalog: str | os.PathLike[str] | None,
) -> str:
    parts = {
        "preview": preview_key,
        "stack_dir": stack_dir,
        "config": config,
        "today": today.isoformat(),
        "catalog": file_digest(catalog_file(catalog)),
        "versions": versions(),
    }
    text = json.dumps(parts, sort_keys=True, default=str)
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


class ResultCache(JsonStore):
    """Checked stacks (:class:`StackResult`) by :func:`result_key`."""

    def get(self, key: str, stack_dir: str) -> StackResult | None:
        data = self.read(key)
        if data is None:
            return None
        try:
            result = stack_from_dict(data, "<cache>")
        except InputError:
            return None
        return result if result.stack_dir == stack_dir else None

    def put(self, key: str, result: StackResult) -> bool:
        return self.write(key, stack_to_dict(result))
