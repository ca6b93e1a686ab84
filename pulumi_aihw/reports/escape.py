"""Escaping of text that came from specs, profiles, stack programs or other outside input,
for each medium it is written to. Every renderer escapes through these functions.

- :func:`controls`: control characters as visible escapes (``\\x1b``): a terminal, a log,
  any text file (newlines and tabs kept).
- :func:`markdown`: inline text of a pull-request comment: no raw HTML, no ``@mention``,
  no link or code span opened by the input, no table cell broken.
- :func:`code`: text shown inside a Markdown code span; :func:`label`: a chart label.
- :func:`xml`: characters XML 1.0 cannot carry (JUnit), as visible escapes.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""C0 (but tab and newline), DEL, C1 and the Unicode line/paragraph separators."""
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKDOWN = {
    "\\": "\\\\",
    "`": "\\`",
    "[": "\\[",
    "]": "\\]",
    "|": "\\|",
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
    "@": "@&#8203;",  # a zero-width space after @: GitHub makes no mention of it
    "\n": " ",
    "\r": " ",
}
_LABEL = re.compile(r"[^A-Za-z0-9 ._\-:/+()]")
_MARKDOWN_RE = re.compile("|".join(re.escape(k) for k in _MARKDOWN))


def _visible(match: re.Match[str]) -> str:
    c = match.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def controls(text: object) -> str:
    """``text`` with control characters (other than newline and tab) as ``\\xNN``."""
    return _CONTROLS.sub(_visible, str(text))


def markdown(text: object) -> str:
    """``text`` as inline Markdown that renders as the same characters: HTML, mentions,
    links, code spans and table separators from the input are shown, not interpreted."""
    plain = controls(str(text).replace("\n", " ").replace("\r", " "))
    return _MARKDOWN_RE.sub(lambda m: _MARKDOWN[m.group(0)], plain)


def code(text: object) -> str:
    """``text`` inside a Markdown code span (`` `...` ``): one line, no backtick to end it."""
    return controls(str(text).replace("\n", " ").replace("\r", " ")).replace("`", "'")


def label(text: object) -> str:
    """``text`` as a chart label (Mermaid): letters, digits and ``._-:/+()`` kept, every
    other character ``_``, so no quote, bracket or HTML reaches the chart's syntax."""
    return _LABEL.sub("_", str(text))


def xml(text: object) -> str:
    """``text`` with the characters XML 1.0 forbids as visible ``\\xNN`` escapes (tab,
    newline and carriage return are allowed and kept)."""
    return _XML_INVALID.sub(_visible, str(text))
