"""Golden-file comparison for report tests.

After an intended change, regenerate with ``AIHW_REGENERATE_GOLDEN=1 python -m pytest
tests/reports`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("AIHW_REGENERATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; rerun with AIHW_REGENERATE_GOLDEN=1 and review the diff"
    )
