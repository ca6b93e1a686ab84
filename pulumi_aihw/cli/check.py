"""``aihw check``: run stacks offline and put every resource through the policy pack."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pulumi_aihw.check.discovery import Discovery
from pulumi_aihw.check.models import CheckReport, NotChecked, Shard, StackResult
from pulumi_aihw.check.shards import parse_shard, select
from pulumi_aihw.cli._check_work import CheckInputs, gather, keep
from pulumi_aihw.cli._common import (
    ensure_writable,
    exit_with,
    format_option,
    handles_errors,
    markdown_options,
    max_chars_option,
    note,
    renderer,
    report_url_option,
    write_output,
)
from pulumi_aihw.cli._options import CATALOG_OPTION, OUTPUT_OPTION
from pulumi_aihw.cli._stacks import (
    exclude_option,
    find_stacks,
    folders_argument,
    job_count,
    jobs_option,
    split_runtimes,
)
from pulumi_aihw.cli.stack_options import (
    DEFAULTS,
    MemoryLimitMib,
    PassEnv,
    StackRunOptions,
    StackTimeoutSeconds,
)
from pulumi_aihw.errors import ConfigError

if TYPE_CHECKING:
    from pulumi_aihw.contracts import StackPreview


def _run_stack(stack_dir: Path, options: StackRunOptions) -> StackPreview:
    """The isolated preview of one stack (:meth:`StackRunOptions.run`). Tests replace
    this function."""
    return options.run(stack_dir)


def _isolated(stack_dir: str, *, options: StackRunOptions) -> StackPreview:
    """The runner ``--jobs`` calls (through :func:`_run_stack`, so tests can replace it)."""
    return _run_stack(Path(stack_dir), options)


def load_policy_config(path: Path) -> dict[str, Any]:
    """Read a ``--policy-pack-config`` JSON file and validate it against the pack."""
    from pulumi_aihw.inputs import read_json
    from pulumi_aihw.rules import RULES, parse_config

    data = read_json(path, "policy config", ConfigError)
    return parse_config(data, RULES, str(path))


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--today: '{value}' is not a date (YYYY-MM-DD)") from None


def _stacks(
    folders: list[Path], exclude: list[str], shard: Shard | None
) -> tuple[list[str], Discovery, list[NotChecked]]:
    """Discover, shard and split by runtime: (stacks to check, discovery, not checked)."""
    found = find_stacks(folders, exclude)
    mine = select(found.stacks, shard, lambda s: s.path)
    if shard is not None:
        note(f"shard {shard}: {len(mine)} of {len(found.stacks)} stacks")
    runnable, not_checked = split_runtimes(mine)
    return runnable, found, not_checked


PROFILE_LINES_MAX = 3
"""Stacks named one per line for a platform profile's policy; more share one line."""


def _say_profiles(stacks: tuple[StackResult, ...], policy_config: Path | None) -> None:
    """On stderr: which stacks were checked with a platform profile's ``policy:``."""
    over = f", then {policy_config}" if policy_config is not None else ""
    by_profile: dict[str, list[str]] = {}
    for stack in stacks:
        if stack.policy_profile is not None:
            by_profile.setdefault(stack.policy_profile, []).append(stack.stack_dir)
    for profile, dirs in by_profile.items():
        if len(dirs) <= PROFILE_LINES_MAX:
            for d in dirs:
                note(f"policy: {d}: platform profile {profile}{over}")
        else:
            shown = ", ".join(dirs[:PROFILE_LINES_MAX])
            note(f"policy: platform profile {profile}{over} for {len(dirs)} stacks ({shown}, ...)")


@handles_errors
def check_command(
    folders: Annotated[list[Path], folders_argument("stacks to check")],
    fmt: Annotated[str, format_option("findings")] = "table",
    policy_config: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Policy config file, in the format of `pulumi preview`'s --policy-pack-config.",
        ),
    ] = None,
    output: Annotated[Path | None, OUTPUT_OPTION] = None,
    today: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Judge catalog age as of this date (YYYY-MM-DD)."),
    ] = None,
    catalog_path: Annotated[Path | None, CATALOG_OPTION] = None,
    exclude: Annotated[list[str] | None, exclude_option()] = None,
    jobs: Annotated[int | None, jobs_option()] = None,
    shard: Annotated[
        str | None,
        typer.Option(
            help="Check the K-th of N deterministic shares of the stacks (e.g. 2/4), for a CI "
            "matrix; `aihw merge` combines the shards' --format json results.",
            metavar="K/N",
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            envvar="AIHW_CACHE_DIR",
            help="Where unchanged stacks' previews are kept (default: "
            "$XDG_CACHE_HOME/aihw/previews or ~/.cache/aihw/previews).",
            show_default=False,
            metavar="DIR",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Preview every stack, and keep nothing.")
    ] = False,
    max_chars: Annotated[int | None, max_chars_option()] = None,
    report_url: Annotated[str | None, report_url_option()] = None,
    timeout_seconds: StackTimeoutSeconds = DEFAULTS[0],
    memory_limit_mib: MemoryLimitMib = DEFAULTS[1],
    pass_env: PassEnv = None,
) -> None:
    """Check stacks for lock-in, power and cost risks with the aihw policy pack.

    Every folder at or below FOLDER with a Pulumi.yaml is a stack; other folders are
    skipped and listed. Each stack's program runs in its own process (no credentials,
    time and memory limits), --jobs at a time; an unchanged stack's preview comes from
    the cache. A stack whose workload extends a platform profile with a `policy:`
    section is checked with that config, and --policy-config merged over it (the file
    wins). Exit 0 with no mandatory violation, 1 with one, 2 on bad input or when a
    stack's program failed (raised, exited early, ran out of time or memory, wrote the
    output file): such a stack is reported as failed, never judged, and the other
    stacks are checked as usual.
    """
    from pulumi_aihw.catalog import load_catalog
    from pulumi_aihw.check.cache import default_directory

    render = markdown_options(renderer("findings", fmt), fmt, max_chars, report_url)
    ensure_writable([output])
    part = parse_shard(shard) if shard is not None else None
    config = load_policy_config(policy_config) if policy_config is not None else {}
    when = _date(today) or dt.date.today()
    catalog = load_catalog(catalog_path)
    options = StackRunOptions(
        timeout_seconds,
        memory_limit_mib,
        tuple(pass_env or ()),
        (output,) if output is not None else (),
    )
    runnable, discovery, not_checked = _stacks(folders, exclude or [], part)
    cache = None if no_cache else (cache_dir or default_directory())
    inputs = CheckInputs(config, when, catalog_path, options.pass_env)
    runner = functools.partial(_isolated, options=options)
    work = gather(runnable, cache, inputs, runner, job_count(jobs))
    from pulumi_aihw.check.engine import rule_infos

    found = work.previews
    ordered = [found.previews[k] for k in sorted(found.previews)]
    if ordered:
        from pulumi_aihw.crossguard import check_previews  # loads pulumi_policy: only now

        checked = check_previews(ordered, config, today=when, catalog=catalog)
    else:  # every stack from the cache (or none ran): nothing for the pack to do
        checked = CheckReport(
            (), rule_infos([config], config), when, catalog.as_of, policy_config=config
        )
    keep(cache, work, checked.stacks)
    stacks = tuple(sorted((*checked.stacks, *work.results.values()), key=lambda s: s.stack_dir))
    report = replace(
        checked,
        stacks=stacks,
        rules=rule_infos([dict(s.policy_config or {}) for s in stacks] or [config], config),
        failed=tuple(sorted(found.failed, key=lambda f: f.stack_dir)),
        not_checked=tuple(not_checked),
        skipped=discovery.skipped,
        shard=part,
        stacks_found=len(discovery.stacks),
    )
    _say_profiles(report.stacks, policy_config)
    write_output(render(report), output)
    exit_with(report.exit_code)
