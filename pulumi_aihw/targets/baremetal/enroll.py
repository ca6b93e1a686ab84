"""One ``command.remote.Command`` chain per server: check OS -> drivers -> verify -> record.

Each step depends on the one before, so nothing is installed on a machine whose OS
check failed and nothing is recorded before the GPUs match. The connection (with the
private key, a secret) is marked secret by pulumi-command as well. The record step's
delete marks the server free on the machine; no step deletes anything else, so
removing the stack leaves the operating system and drivers alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_command import remote

from pulumi_aihw.targets.baremetal.args import EnrollServer
from pulumi_aihw.targets.baremetal.secrets import secret_input


@dataclass(frozen=True)
class Chain:
    server: EnrollServer
    commands: dict[str, remote.Command]
    """Step role (``os``, ``drivers``, ``verify``, ``record``) -> its command."""

    @property
    def verify(self) -> remote.Command:
        return self.commands["verify"]

    @property
    def record(self) -> remote.Command:
        return self.commands["record"]


def connection(server: EnrollServer) -> remote.ConnectionArgs:
    """SSH to ``server``; without a configured key, pulumi-command uses the SSH agent."""
    return remote.ConnectionArgs(
        host=server.host,
        port=server.port,
        user=server.user,
        private_key=secret_input(server.key_secret),
        host_key=server.host_key,
    )


def enroll(name: str, server: EnrollServer, parent: pulumi.Resource) -> Chain:
    """The command chain enrolling ``server``; resources are ``<name>-<server>-<step>``."""
    conn = connection(server)
    commands: dict[str, remote.Command] = {}
    previous: remote.Command | None = None
    for step in server.steps:
        opts = pulumi.ResourceOptions(
            parent=parent,
            depends_on=[previous] if previous is not None else None,
            # the record step's delete frees the server: it must run before a new create
            delete_before_replace=step.delete is not None,
        )
        previous = commands[step.role] = remote.Command(
            f"{name}-{server.name}-{step.role}",
            connection=conn,
            create=step.create,
            delete=step.delete,
            stdin=step.script.text,
            triggers=list(step.triggers),
            add_previous_output_in_env=False,
            opts=opts,
        )
    return Chain(server, commands)
