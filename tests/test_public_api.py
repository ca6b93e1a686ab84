"""The curated public API: sorted, complete, lazy."""

from __future__ import annotations

import importlib

import pulumi_aihw


def test_all_is_sorted_and_matches_the_exports():
    assert pulumi_aihw.__all__ == sorted(pulumi_aihw.__all__)
    assert set(pulumi_aihw.__all__) == set(pulumi_aihw._EXPORTS) | {"__version__"}


def test_every_export_resolves_to_its_module():
    for name, module in pulumi_aihw._EXPORTS.items():
        assert getattr(pulumi_aihw, name) is getattr(importlib.import_module(module), name)
