"""Fact extractors: what hardware a resource deploys, read from its inputs or outputs.

One module per cloud (``aws``, ``gcp``) plus our ``Workload`` component (``workload``);
:data:`registry.EXTRACTORS` maps each resource type token to its reader. Rules
(:mod:`pulumi_aihw.rules.checks`) read only the :class:`~.hardware.Hardware` facts
these produce, never raw properties. A new resource type is one function here and one
registry entry (docs/extending.md).
"""
