"""Secrets the inventory names: Pulumi config secrets first, then environment variables.

A value read from the environment is wrapped with ``pulumi.Output.secret`` so it is
encrypted in the state and shown as ``[secret]`` in outputs, like a config secret.
"""

from __future__ import annotations

import os

import pulumi

from pulumi_aihw.targets.baremetal.settings import CONFIG_NAMESPACE, env_name


def secret_input(name: str) -> pulumi.Output[str] | None:
    """``aihw:<name>`` from the stack config, else ``$AIHW_<NAME>``, as a secret; or ``None``."""
    value = pulumi.Config(CONFIG_NAMESPACE).get_secret(name)
    if value is not None:
        return value
    env = os.environ.get(env_name(name))
    return None if env is None else pulumi.Output.secret(env)
