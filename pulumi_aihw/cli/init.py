"""``aihw init``: scaffold a workload stack that plans, previews and checks out of the box.

Everything is validated before anything is written: the profile (its fields and its
policy config), then the new stack itself, staged beside DIR and planned there. Only
then are the files moved into DIR (all or nothing).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pulumi_aihw.cli._common import choice, handles_errors, note, write_output
from pulumi_aihw.errors import InputError, NoFeasiblePlanError, Problem

if TYPE_CHECKING:
    from pulumi_aihw.planner.models import Candidate


def _check_profile(path: Path) -> str | None:
    """Load and check the profile; return its default owner. Errors name the file."""
    from pulumi_aihw.rules import RULES, parse_config
    from pulumi_aihw.spec import load_profile

    loaded = load_profile(path)
    parse_config(loaded.profile.policy, RULES, f"{path} (policy)")
    return loaded.profile.defaults.owner


def _renamed(exc: InputError, stage: Path, directory: Path) -> InputError:
    """``exc`` with the staging directory's name replaced by DIR's in every problem."""

    def fix(text: str | None) -> str | None:
        return None if text is None else text.replace(str(stage), str(directory))

    problems = [replace(p, file=fix(p.file), message=fix(p.message) or "") for p in exc.problems]
    return type(exc)(problems)


def _check_stack(
    stage: Path, directory: Path, name: str, target: str, profile: Path | None
) -> Candidate:
    """Plan the staged stack's workload.yaml; return the chosen candidate."""
    from pulumi_aihw.targets.resolve import resolve_workload

    try:
        chosen = resolve_workload(name, spec_file=stage / "workload.yaml").chosen
    except InputError as exc:
        hint = Problem(
            f"the --target {target} starting workload does not fit this profile; nothing was "
            "written. To fix: pick a --target the profile allows, or change the profile",
            file=str(profile),
        )
        problems = _renamed(exc, stage, directory).problems
        raise type(exc)([*problems, hint] if profile is not None else problems) from None
    except NoFeasiblePlanError as exc:
        under = f" under platform profile {profile}" if profile is not None else ""
        raise InputError(
            Problem(
                f"the --target {target} starting workload has no feasible plan{under}: "
                f"{_renamed(InputError(str(exc)), stage, directory)}. To fix: pick a --target "
                "the profile allows, or widen the profile's allow-lists or ceilings",
                file=str(directory / "workload.yaml"),
            )
        ) from None
    return chosen


def _summary(chosen: Candidate) -> str:
    o = chosen.offering
    usd = "price unknown" if chosen.usd_per_month is None else f"${chosen.usd_per_month:,.0f}/month"
    return f"{o.provider} {o.offering} x{chosen.units} in {chosen.region}, {usd}"


def _json(directory: Path, target: str, files: list[str], chosen: Candidate) -> str:
    from pulumi_aihw.contracts import candidate_summary

    data = {
        "directory": str(directory),
        "target": target,
        "files": files,
        "plan": candidate_summary(chosen),
    }
    return json.dumps(data, indent=2) + "\n"


@handles_errors
def init_command(
    directory: Annotated[
        Path,
        typer.Argument(
            help="The new stack's directory (may exist).", show_default=False, metavar="DIR"
        ),
    ],
    target: Annotated[
        str, typer.Option(metavar="TARGET", help="Where it deploys: aws, gcp or baremetal.")
    ] = "aws",
    profile: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Platform profile the workload extends (checked first)."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Workload and project name (default: from DIR)."),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(metavar="TEAM", help="Owning team (default: the profile's, else my-team)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (notes on stderr) or json (what was created and planned, on stdout).",
        ),
    ] = "text",
) -> None:
    """Scaffold a workload stack in DIR: Pulumi.yaml, __main__.py, workload.yaml (extending
    --profile), Pulumi.dev.yaml, requirements.txt (and inventory.yaml for baremetal).

    It plans, previews and checks out of the box. Refuses to overwrite files unless
    --force. Exit 0 on success, 2 on bad input (nothing is written then).
    """
    from pulumi_aihw.cli._stage import commit, staged
    from pulumi_aihw.scaffold import ScaffoldInputs, kind, scaffold_files, workload_name

    choice(fmt, ("text", "json"), "--format")

    kind(target)  # an unknown target fails before anything else
    directory = Path(os.path.normpath(directory))
    stack_name = name if name is not None else workload_name(directory.resolve().name)
    profile_owner = _check_profile(profile) if profile is not None else None
    extends = None
    if profile is not None:
        extends = os.path.relpath(profile.resolve(), directory.resolve())
    files = scaffold_files(
        ScaffoldInputs(
            target,
            stack_name,
            owner if owner is not None else (None if profile_owner else "my-team"),
            extends,
            dt.date.today(),
        )
    )
    existing = sorted(f for f in files if (directory / f).exists())
    if existing and not force:
        raise InputError(
            Problem(
                f"{', '.join(existing)} already exist. To fix: choose another directory, or "
                "pass --force to overwrite them",
                file=str(directory),
            )
        )
    with staged(files, directory) as stage:
        chosen = _check_stack(stage, directory, stack_name, target, profile)
        commit(stage, directory, list(files))
    if fmt == "json":
        write_output(_json(directory, target, list(files), chosen), None)
        return
    note(f"created {directory}: {', '.join(files)}")
    note(f"plan: {_summary(chosen)}")
    note(
        f"next: aihw preview {directory} && aihw check {directory}; then in {directory}: "
        "pulumi stack init dev && pulumi up"
    )
