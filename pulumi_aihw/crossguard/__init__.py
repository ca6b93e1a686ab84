"""The rules as a Pulumi CrossGuard policy pack. The only package importing pulumi_policy.

:func:`policies` turns every rule of :data:`pulumi_aihw.rules.RULES` into a CrossGuard
policy (:mod:`.policies`). ``policies/aihw/__main__.py`` builds the ``PolicyPack`` from
them; ``aihw check`` drives the same policies in-process through pulumi_policy's analyzer
servicer (:mod:`.servicer`: the stock loop with each request unmarshalled once) with
engine-shaped requests (:mod:`.wire`), one stack at a time (:mod:`.session`).
"""

from __future__ import annotations

from pulumi_policy.proxy import UNKNOWN_STRING_VALUE

from pulumi_aihw.crossguard.policies import plain_props, policies
from pulumi_aihw.crossguard.servicer import (
    PACK_DESCRIPTION,
    PACK_NAME,
    PACK_VERSION,
    SharedFactsServicer,
    analyzer,
)
from pulumi_aihw.crossguard.session import AnalyzerSession, check_previews
from pulumi_aihw.crossguard.wire import (
    LEVEL_NAMES,
    analyze_request,
    configure_request,
    provider_resource,
    stack_request,
    struct,
)

__all__ = [
    "LEVEL_NAMES",
    "PACK_DESCRIPTION",
    "PACK_NAME",
    "PACK_VERSION",
    "UNKNOWN_STRING_VALUE",
    "AnalyzerSession",
    "SharedFactsServicer",
    "analyze_request",
    "analyzer",
    "check_previews",
    "configure_request",
    "plain_props",
    "policies",
    "provider_resource",
    "stack_request",
    "struct",
]
