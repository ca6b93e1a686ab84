"""Every input kind, fuzzed through the real command: exit 0, 1 or 2 only, within a CPU
and memory budget (the harness caps its own process: see tests/fuzz/harness.py).

300 derandomized inputs per kind (2,100 in all, about 10 s of CPU per kind here);
``AIHW_FUZZ_EXAMPLES=5000`` runs more locally.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.fuzz.harness import ROOT, kinds

EXAMPLES = int(os.environ.get("AIHW_FUZZ_EXAMPLES", "300"))
HANG_BACKSTOP_SECONDS = 1800
"""Only a hang (a read that never returns) reaches this; CPU use is capped in the harness."""


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(kinds()))
def test_fuzzed_inputs_exit_0_1_or_2(kind: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.harness", kind, str(EXAMPLES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=HANG_BACKSTOP_SECONDS,
    )
    assert out.returncode == 0, out.stderr[-4000:]
    assert f"{kind}: {EXAMPLES} inputs, every exit in [0, 1, 2]" in out.stdout
