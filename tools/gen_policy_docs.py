"""Regenerate the rule reference in docs/policies.md from the rule registry.

Usage: python tools/gen_policy_docs.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pulumi_aihw.rules.reference import BEGIN, END, render_reference

DOC = Path(__file__).resolve().parents[1] / "docs" / "policies.md"


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    new = text[:start] + render_reference() + text[end:]
    if "--check" in sys.argv:
        if new != text:
            print(f"{DOC} is stale: run python tools/gen_policy_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
