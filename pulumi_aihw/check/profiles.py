"""The policy config a stack gets from the platform profile its Workloads extend.

A Workload whose spec extends a profile records it in its inputs
(:data:`pulumi_aihw.contracts.WORKLOAD_PROFILE_PROPERTY`: name, file, ``policy:``).
``aihw check`` applies that ``policy:`` section to the stack, under the
``--policy-config`` file: ``merge_configs(profile, file)``, so the file wins.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_aihw.contracts import WORKLOAD_PROFILE_PROPERTY, WORKLOAD_TYPE, StackPreview
from pulumi_aihw.errors import ConfigError, Problem
from pulumi_aihw.rules import RULES, parse_config
from pulumi_aihw.rules.config import merge_configs


@dataclass(frozen=True)
class StackPolicy:
    """The policy config one stack is checked with, and where its parts came from."""

    config: dict[str, Any]
    """The profile's ``policy:`` with the ``--policy-config`` file merged over it."""
    profile: str | None
    """The profile file whose ``policy:`` applied (relative to the current directory)."""


def _profile_file(stack_dir: str, file: Any) -> str:
    name = str(file) if file else "<platform profile>"
    return name if os.path.isabs(name) else os.path.normpath(os.path.join(stack_dir, name))


def profile_policy(preview: StackPreview) -> tuple[dict[str, Any], str | None]:
    """The validated ``policy:`` of the profile the stack's Workloads extend (``{}`` and
    ``None`` without one). :class:`ConfigError`, naming the profile file, for an invalid
    policy config; and when Workloads of one stack extend profiles whose policies differ."""
    found: dict[str, dict[str, Any]] = {}
    for record in preview.of_type(WORKLOAD_TYPE):
        profile = record.inputs.get(WORKLOAD_PROFILE_PROPERTY)
        if not isinstance(profile, Mapping) or not profile.get("policy"):
            continue
        file = _profile_file(preview.stack_dir, profile.get("file"))
        found[file] = parse_config(profile["policy"], RULES, f"{file} (policy)")
    if not found:
        return {}, None
    if len({json.dumps(c, sort_keys=True) for c in found.values()}) > 1:
        raise ConfigError(
            Problem(
                "its Workloads extend platform profiles with different policy configs "
                f"({', '.join(sorted(found))}): one stack is checked with one config. To fix: "
                "give the profiles the same policy section, or split the stack",
                file=preview.stack_dir,
            )
        )
    file = min(found)
    return found[file], file


def stack_policy(preview: StackPreview, file_config: Mapping[str, Any]) -> StackPolicy:
    """The profile's policy config with ``file_config`` (``--policy-config``) over it."""
    config, profile = profile_policy(preview)
    return StackPolicy(merge_configs(config, file_config), profile)
