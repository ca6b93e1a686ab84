"""The ``aihw`` component provider: the ``Workload`` component for programs in TypeScript,
Go, C#, Java and YAML.

``provider/`` (``PulumiPlugin.yaml`` with ``runtime: python``, ``__main__.py``,
``requirements.txt``) is what ``pulumi package add`` takes. The Pulumi engine runs the
plugin as ``python <provider dir> <engine address>``; :func:`serve` hands the components
to Pulumi's Python component-provider host, which infers the schema from the type hints
(``WorkloadArgs``, the ``Workload`` outputs), prints its gRPC port on stdout and serves
``GetSchema`` and ``Construct``.

Only ``Workload`` is served (:data:`COMPONENTS`, an explicit registry): the target
components take settings resolved from a plan (AMI parameters, EFA layouts, market
options), which only the ``Workload`` computes; their outputs reach other languages as
the Workload's ``target`` output. Imports Pulumi: never import this from the core.
"""

from __future__ import annotations

import json
from typing import Any

import pulumi
from pulumi.provider.experimental import component_provider_host
from pulumi.provider.experimental.component import ComponentProvider

from pulumi_aihw import __version__
from pulumi_aihw.targets.workload import Workload

PACKAGE = "aihw"
"""The package name: resource tokens are ``aihw:index:<Component>``."""

COMPONENTS: tuple[type[pulumi.ComponentResource], ...] = (Workload,)


def provider() -> ComponentProvider:
    """The provider the host serves (its ``schema`` is the inferred package schema)."""
    return ComponentProvider(list(COMPONENTS), PACKAGE, None, __version__)


def schema() -> dict[str, Any]:
    """The package schema, as ``GetSchema`` returns it."""
    text = provider().schema
    assert text is not None
    data: dict[str, Any] = json.loads(text)
    return data


def serve() -> None:
    """Start the gRPC server, print its port, serve until the engine stops the process."""
    component_provider_host(list(COMPONENTS), PACKAGE, version=__version__)
