"""Read files out of a git checkout (a bare mirror is enough) without a work tree."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GitSource:
    """One repository at its HEAD commit, named as ``owner/name`` in provenance."""

    path: Path
    name: str

    def _git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(self.path), *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    @property
    def commit(self) -> str:
        return self._git("rev-parse", "HEAD").strip()

    @property
    def commit_date(self) -> str:
        return self._git("log", "-1", "--format=%cs", "HEAD").strip()

    def files(self, under: str = "") -> list[str]:
        args = ["ls-tree", "-r", "--name-only", "HEAD"]
        return self._git(*args, *([under] if under else [])).splitlines()

    def show(self, path: str) -> str:
        """The file's text at HEAD, or "" when it is absent."""
        return self._git("show", f"HEAD:{path}")

    def cite(self, path: str) -> str:
        return f"{self.name}@{self.commit[:12]}:{path}"
