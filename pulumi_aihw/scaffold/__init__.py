"""``aihw init``: the files of a new workload stack, for one target. Pure: no I/O beyond
reading the packaged templates; the CLI validates and writes them.

Each target (:data:`SCAFFOLDS`, an explicit registry) is a starting workload that plans
out of the box: LLM inference on AWS or Azure GPUs, LLM serving on Cloud TPUs, or serving on the
team's own GPU servers listed in a sample ``inventory.yaml``. Every scaffold has the
same program as the example stacks (``Workload(..., workload_args("workload.yaml"))``),
so the stack config keys the templates prompt for work here too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from importlib import resources
from string import Template

from pulumi_aihw.errors import ConfigError
from pulumi_aihw.spec.models import NAME_PATTERN
from pulumi_aihw.spec.schema import SCHEMA_BASE_URL


@dataclass(frozen=True)
class ScaffoldKind:
    """One ``--target``: what it starts with and which package extra it needs."""

    target: str
    description: str
    """The new project's description."""
    extra: str
    """The ``pulumi-aihw[...]`` extra its requirements.txt installs."""
    resource: str
    """The Workload's resource name in ``__main__.py``."""
    files: tuple[str, ...]
    """Target-specific files (templates under ``templates/<target>/``)."""


SCAFFOLDS: dict[str, ScaffoldKind] = {
    "aws": ScaffoldKind(
        "aws",
        "LLM inference on AWS GPU or Inferentia2 instances, planned by pulumi-aihw",
        "aws",
        "chat",
        ("workload.yaml", "Pulumi.dev.yaml"),
    ),
    "gcp": ScaffoldKind(
        "gcp",
        "LLM serving on Cloud TPU v5e or v6e slices, planned by pulumi-aihw",
        "gcp",
        "chat",
        ("workload.yaml", "Pulumi.dev.yaml"),
    ),
    "azure": ScaffoldKind(
        "azure",
        "LLM inference on Azure NC or ND GPU VMs, planned by pulumi-aihw",
        "azure",
        "chat",
        ("workload.yaml", "Pulumi.dev.yaml"),
    ),
    "baremetal": ScaffoldKind(
        "baremetal",
        "LLM serving on your own GPU servers (inventory.yaml), planned by pulumi-aihw",
        "baremetal",
        "chat",
        ("workload.yaml", "Pulumi.dev.yaml", "inventory.yaml"),
    ),
}
"""``--target`` -> what ``aihw init`` writes."""

COMMON_FILES = ("Pulumi.yaml", "__main__.py", "requirements.txt")


@dataclass(frozen=True)
class ScaffoldInputs:
    target: str
    name: str
    """Workload and project name."""
    owner: str | None
    """``None``: the profile's default owner fills it."""
    extends: str | None
    """Profile path relative to the new stack directory, or ``None``."""
    today: dt.date


def workload_name(directory_name: str) -> str:
    """A workload name from a directory name: lower-case, other characters as dashes.
    :class:`ConfigError` when nothing valid is left (the CLI then asks for ``--name``)."""
    name = re.sub(r"[^a-z0-9-]+", "-", directory_name.lower()).strip("-")
    name = re.sub(r"-{2,}", "-", name)[:63].strip("-")
    if not re.match(NAME_PATTERN, name):
        raise ConfigError(
            f"cannot make a workload name from directory name '{directory_name}'. To fix: "
            "pass --name with lower-case letters, digits and dashes, starting with a letter"
        )
    return name


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when safe, else JSON-quoted (valid YAML)."""
    return value if re.fullmatch(r"[\w./~+-][\w ./~+-]*", value) else json.dumps(value)


def kind(target: str) -> ScaffoldKind:
    found = SCAFFOLDS.get(target)
    if found is None:
        raise ConfigError(f"--target: '{target}' is not one of: {', '.join(SCAFFOLDS)}")
    return found


def _template(relative: str) -> Template:
    path = resources.files("pulumi_aihw.scaffold") / "templates" / f"{relative}.tmpl"
    return Template(path.read_text(encoding="utf-8"))


def scaffold_files(inputs: ScaffoldInputs) -> dict[str, str]:
    """File name (relative to the new stack directory) -> content."""
    k = kind(inputs.target)
    if not re.match(NAME_PATTERN, inputs.name):
        raise ConfigError(
            f"--name: '{inputs.name}' is not a workload name. To fix: use lower-case letters, "
            "digits and dashes, starting with a letter (at most 63)"
        )
    values = {
        "project": inputs.name,
        "name": inputs.name,
        "description": k.description,
        "resource": k.resource,
        "extra": k.extra,
        "today": inputs.today.isoformat(),
        "schema_url": f"{SCHEMA_BASE_URL}/workload.schema.json",
        "inventory_schema_url": f"{SCHEMA_BASE_URL}/inventory.schema.json",
        "owner_line": "" if inputs.owner is None else f"owner: {_scalar(inputs.owner)}\n",
        "extends_line": (
            f"extends: {_scalar(inputs.extends)}     # the platform team's profile"
            if inputs.extends is not None
            else "# extends: path/to/platform-profile.yaml   # a platform team's profile"
        ),
    }
    files = {name: _template(name).substitute(values) for name in COMMON_FILES}
    files.update({name: _template(f"{k.target}/{name}").substitute(values) for name in k.files})
    return files


__all__ = [
    "COMMON_FILES",
    "SCAFFOLDS",
    "ScaffoldInputs",
    "ScaffoldKind",
    "kind",
    "scaffold_files",
    "workload_name",
]
