"""The curated public API: complete, sorted, lazy, and free of Pulumi at import."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pulumi_aihw
from tests.conftest import REPO


def test_all_is_sorted_and_every_export_resolves_to_its_module() -> None:
    assert pulumi_aihw.__all__ == sorted(pulumi_aihw.__all__)
    for name, module in pulumi_aihw._EXPORTS.items():
        assert getattr(pulumi_aihw, name) is getattr(importlib.import_module(module), name)


def test_all_matches_the_lazy_exports() -> None:
    assert set(pulumi_aihw.__all__) == set(pulumi_aihw._EXPORTS) | {"__version__"}


def test_unknown_attribute() -> None:
    try:
        pulumi_aihw.nope  # noqa: B018
    except AttributeError as exc:
        assert "has no attribute 'nope'" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


def test_import_is_light_and_does_no_io() -> None:
    code = (
        "import sys, pulumi_aihw; "
        "print(sorted(m for m in sys.modules if m != 'pulumi_aihw' and m.split('.')[0] in "
        "('pulumi_aihw', 'pydantic', 'pulumi', 'yaml', 'typer', 'rich')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "[]"


def test_version_matches_pyproject() -> None:
    text = (REPO / "pyproject.toml").read_text()
    assert 'path = "pulumi_aihw/__init__.py"' in text  # hatch reads the version from there
    assert pulumi_aihw.__version__.count(".") == 2
