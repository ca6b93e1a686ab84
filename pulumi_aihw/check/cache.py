"""The preview cache: a stack whose inputs did not change is not previewed again.

A stack's key is a SHA-256 over (:func:`stack_inputs`):

- every file in the stack's folder and below (path and content; hidden folders, virtual
  environments, ``node_modules`` and ``__pycache__`` left out): the program, ``Pulumi.yaml``,
  the stack config, the workload spec, the lock file, an inventory kept beside it;
- every file outside the folder that a YAML or JSON file in it names by a relative path,
  followed through the files it names in turn (a spec's ``extends:`` profile and the
  profiles that one extends, ``inventory:``, a config ``profile:``), and every existing file
  a string literal of a Python file in the folder names (``spec_file="../w.yaml"``);
- the catalog snapshot a program plans with (the packaged one, and ``$AIHW_CATALOG``);
- the versions of aihw, Python and the Pulumi SDKs; the stack name; the cache format;
- the values of the environment variables passed to the programs (``--pass-env``), hashed.

The key does not hold the folder's location, so the same stack checked out elsewhere (the
base branch's worktree) finds the same entry. What a program reads through a path it
builds at run time from outside its folder is not seen: keep such files in the folder,
or pass ``--no-cache``.

Entries are JSON files named by the key under :func:`default_directory`. Writes are
atomic (a temporary file in the same folder, then a rename), so parallel writers (the
``--jobs`` workers, concurrent CI jobs on one runner) never leave a torn entry; an
unreadable entry is a miss. Failed previews are not cached. Lookups happen before any
stack program runs, so a program cannot plant an entry that its own run then reads.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from pulumi_aihw.check.discovery import NOT_SEARCHED
from pulumi_aihw.contracts import UNKNOWN, ResourceRecord, StackPreview

CACHE_FORMAT = 1
CACHE_ENV = "AIHW_CACHE_DIR"
SDKS = ("pulumi", "pulumi_aws", "pulumi_gcp", "pulumi_command", "pulumi_policy")
MAX_REFERENCED = 200
"""Files outside the folder followed at most (a bound, not a limit anyone should meet)."""
MAX_SCANNED_BYTES = 1 << 20
"""YAML, JSON and Python files larger than this are hashed but not read for paths."""
_UNKNOWN_KEY = "\u0000aihw:unknown"
_PY_STRING = re.compile(r"""["']([^"'\n\r]{1,400})["']""")


def default_directory() -> Path:
    """``$AIHW_CACHE_DIR``, else ``$XDG_CACHE_HOME/aihw/previews``, else
    ``~/.cache/aihw/previews``."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aihw" / "previews"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def _files(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in NOT_SEARCHED)
        for name in sorted(files):
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                yield path


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _named_paths(path: Path) -> tuple[str, ...]:
    """Strings in a YAML/JSON/Python file that may be paths."""
    try:
        st = path.stat()
    except OSError:
        return ()
    return _named_paths_of(str(path), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=1024)
def _named_paths_of(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    """Memoized by file and version: a profile many stacks extend is read once."""
    if size > MAX_SCANNED_BYTES:
        return ()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    if path.endswith(".py"):
        return tuple(_PY_STRING.findall(text))
    try:
        return tuple(_strings(yaml.load(text, Loader=_LOADER)))
    except yaml.YAMLError:
        return ()


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (ten times faster), else the Python one."""
_SCANNED = (".yaml", ".yml", ".json", ".py")


def _referenced(stack: Path, files: list[Path]) -> list[Path]:
    """Files outside ``stack`` that files in it name, transitively (YAML/JSON only)."""
    root = stack.resolve()
    queue = [f for f in files if f.suffix in _SCANNED]
    seen: dict[Path, None] = {}
    while queue and len(seen) < MAX_REFERENCED:
        current = queue.pop(0)
        for text in _named_paths(current):
            if not text or "\n" in text or len(text) > 400:
                continue
            for base in dict.fromkeys((current.parent, stack)):
                target = _existing(base, text)
                if target is None or target == root or root in target.parents or target in seen:
                    continue
                seen[target] = None
                if target.suffix in (".yaml", ".yml", ".json"):
                    queue.append(target)
    return sorted(seen)


def _existing(base: Path, text: str) -> Path | None:
    try:
        target = (base / text).resolve()
        return target if target.is_file() else None
    except (OSError, ValueError, RuntimeError):
        return None


@functools.lru_cache(maxsize=8)
def _file_digest_cached(path: str, mtime_ns: int, size: int) -> str:
    return _digest(Path(path))


def file_digest(path: str) -> str:
    """SHA-256 of a file (memoized by its version), or ``missing:<path>``."""
    try:
        st = os.stat(path)
        return _file_digest_cached(path, st.st_mtime_ns, st.st_size)
    except OSError:
        return "missing:" + path


def _catalog_digests() -> dict[str, str]:
    from pulumi_aihw.catalog.load import CATALOG_ENV, packaged_catalog_path

    out = {"packaged": file_digest(str(packaged_catalog_path()))}
    env = os.environ.get(CATALOG_ENV)
    if env:
        out["env"] = file_digest(env)
    return out


def versions() -> dict[str, str]:
    """aihw, Python and the Pulumi SDK versions (an SDK not installed: ``-``)."""
    from importlib import metadata

    from pulumi_aihw import __version__

    out = {"aihw": __version__, "python": ".".join(map(str, sys.version_info[:3]))}
    for sdk in SDKS:
        try:
            out[sdk] = metadata.version(sdk.replace("_", "-"))
        except metadata.PackageNotFoundError:
            out[sdk] = "-"
    return out


def stack_inputs(
    stack_dir: str | os.PathLike[str], stack: str | None = None, env: Sequence[str] = ()
) -> dict[str, Any]:
    """Everything a stack's key is made of (paths relative to the stack's folder)."""
    folder = Path(stack_dir)
    files = list(_files(folder))
    own = {f.relative_to(folder).as_posix(): _digest(f) for f in files}
    outside = {
        os.path.relpath(p, folder.resolve()).replace(os.sep, "/"): _digest(p)
        for p in _referenced(folder, files)
    }
    return {
        "format": CACHE_FORMAT,
        "stack": stack,
        "files": own,
        "referenced": outside,
        "catalog": _catalog_digests(),
        "versions": versions(),
        "env": {name: _text_digest(os.environ.get(name)) for name in sorted(set(env))},
    }


def _text_digest(value: str | None) -> str | None:
    return None if value is None else hashlib.sha256(value.encode("utf-8")).hexdigest()


def stack_key(
    stack_dir: str | os.PathLike[str], stack: str | None = None, env: Sequence[str] = ()
) -> str:
    """The stack's cache key: :func:`stack_inputs` hashed."""
    text = json.dumps(stack_inputs(stack_dir, stack, env), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _encode(value: Any) -> Any:
    if value is UNKNOWN:
        return {_UNKNOWN_KEY: True}
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if value.keys() == {_UNKNOWN_KEY}:
            return UNKNOWN
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def preview_to_dict(p: StackPreview) -> dict[str, Any]:
    return {
        "project": p.project,
        "stack": p.stack,
        "resources": [
            {
                "urn": r.urn,
                "type": r.type,
                "name": r.name,
                "parent": r.parent,
                "custom": r.custom,
                "inputs": _encode(r.inputs),
                "outputs": _encode(r.outputs),
                "protect": r.protect,
                "dependencies": list(r.dependencies),
            }
            for r in p.resources
        ],
        "outputs": _encode(p.outputs),
        "diagnostics": list(p.diagnostics),
        "config": dict(p.config),
    }


def preview_from_dict(data: Mapping[str, Any], stack_dir: str) -> StackPreview:
    resources = tuple(
        ResourceRecord(
            urn=r["urn"],
            type=r["type"],
            name=r["name"],
            parent=r["parent"],
            custom=bool(r["custom"]),
            inputs=_decode(r["inputs"]),
            outputs=_decode(r["outputs"]),
            protect=bool(r["protect"]),
            dependencies=tuple(r["dependencies"]),
        )
        for r in data["resources"]
    )
    return StackPreview(
        stack_dir=stack_dir,
        project=str(data["project"]),
        stack=str(data["stack"]),
        resources=resources,
        outputs=_decode(data["outputs"]),
        diagnostics=tuple(str(d) for d in data["diagnostics"]),
        config={str(k): str(v) for k, v in (data.get("config") or {}).items()},
    )


class JsonStore:
    """JSON documents by key in one folder; every failure to read or write is a miss."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def read(self, key: str) -> Any:
        """The document stored under ``key`` in this cache format, else ``None``."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return None
        return data.get("entry")

    def write(self, key: str, entry: Any) -> bool:
        """Store ``entry``; False (and nothing half-written) if the folder is not writable."""
        text = json.dumps({"format": CACHE_FORMAT, "entry": entry})
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.directory)
        except OSError:
            return False
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self._path(key))
            return True
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            return False


class PreviewCache(JsonStore):
    """Previews by stack key (:func:`stack_key`)."""

    def get(self, key: str, stack_dir: str) -> StackPreview | None:
        data = self.read(key)
        try:
            return None if data is None else preview_from_dict(data, stack_dir)
        except (KeyError, TypeError, AttributeError, ValueError):
            return None

    def put(self, key: str, preview: StackPreview) -> bool:
        return self.write(key, preview_to_dict(preview))
