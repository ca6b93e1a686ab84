"""The enrollment scripts shipped in the package, and the commands that run them.

Each script in ``scripts/`` starts with ``# aihw-script: NAME`` and
``# aihw-script-version: N``. The component runs a script over SSH as
``bash -s -- ARGS`` with the script on standard input, so nothing is copied to the
server; its trigger (name, version and content digest) re-runs the step, and every
later step, whenever a script changes. Pure: reads the packaged files only.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent / "scripts"

SCRIPTS: dict[str, str] = {
    "check-os": "aihw-check-os.sh",
    "nvidia-driver": "aihw-nvidia-driver.sh",
    "rocm": "aihw-rocm.sh",
    "verify-gpus": "aihw-verify-gpus.sh",
    "record": "aihw-record.sh",
}
"""Script name -> file in ``scripts/``."""

DRIVER_SCRIPTS: dict[str, str] = {"nvidia": "nvidia-driver", "amd": "rocm"}
"""GPU vendor -> the script that installs or verifies its driver stack."""

_HEADER = re.compile(
    r"^# aihw-script: (?P<name>\S+)\n# aihw-script-version: (?P<version>\d+)$", re.M
)


@dataclass(frozen=True)
class Script:
    name: str
    file: str
    version: int
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def trigger(self) -> str:
        """``verify-gpus@v1+0123456789ab``: changes whenever the script does."""
        return f"{self.name}@v{self.version}+{self.sha256[:12]}"

    def command(self, args: Sequence[str], *, as_root: bool) -> str:
        """The remote command line; the script itself goes on standard input."""
        run = "bash -s -- " + " ".join(shlex.quote(a) for a in args)
        if not as_root:
            return run
        return f'if [ "$(id -u)" -eq 0 ]; then {run}; else sudo -n {run}; fi'


@functools.cache
def script(name: str) -> Script:
    """The packaged script ``name`` (``KeyError`` lists the known ones)."""
    if name not in SCRIPTS:
        raise KeyError(f"unknown enrollment script '{name}' (known: {', '.join(SCRIPTS)})")
    file = SCRIPTS[name]
    text = (SCRIPTS_DIR / file).read_text(encoding="utf-8")
    header = _HEADER.search(text)
    if header is None or header["name"] != name:
        raise ValueError(f"{file}: header must name it '# aihw-script: {name}' with a version")
    return Script(name, file, int(header["version"]), text)
