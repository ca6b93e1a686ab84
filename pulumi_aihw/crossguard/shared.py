"""What every policy of one analyzer request shares: the resource as plain data and its
facts (extracted once, not once per rule), or the whole stack's resources and hardware.

:class:`pulumi_aihw.crossguard.servicer.SharedFactsServicer` sets it for the duration of
one ``Analyze`` or ``AnalyzeStack`` call; a policy finds nothing here when Pulumi's own
pack server calls it, and extracts the facts itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from pulumi_aihw.rules.facts.registry import ResourceFacts
from pulumi_aihw.rules.facts.stack import StackFacts
from pulumi_aihw.rules.model import Context, Resource


@dataclass
class SharedResource:
    resource: Resource
    facts: ResourceFacts | None = None

    def facts_for(self, ctx: Context) -> ResourceFacts:
        """The resource's facts, extracted by the first rule that asks."""
        if self.facts is None:
            self.facts = ResourceFacts(self.resource, ctx)
        return self.facts


@dataclass
class SharedStack:
    resources: Sequence[Resource]
    facts: StackFacts = field(default_factory=StackFacts)


_RESOURCE: ContextVar[SharedResource | None] = ContextVar("aihw_resource", default=None)
_STACK: ContextVar[SharedStack | None] = ContextVar("aihw_stack", default=None)


def resource(urn: str) -> SharedResource | None:
    """The shared resource of the current ``Analyze`` call, if it is ``urn``."""
    found = _RESOURCE.get()
    return found if found is not None and found.resource.urn == urn else None


def stack() -> SharedStack | None:
    return _STACK.get()


@contextmanager
def analyzing(shared: SharedResource) -> Iterator[None]:
    token = _RESOURCE.set(shared)
    try:
        yield
    finally:
        _RESOURCE.reset(token)


@contextmanager
def analyzing_stack(shared: SharedStack) -> Iterator[None]:
    token = _STACK.set(shared)
    try:
        yield
    finally:
        _STACK.reset(token)
