"""Pulumi components that deploy a plan: the ``Workload`` component and one target
per hardware family (``aws``, ``gcp-tpu`` and ``gcp-gpu`` so far), registered in
:mod:`pulumi_aihw.targets.registry`.

This package imports Pulumi in the modules that build resources; the core
(spec, catalog, planner, rules, reports) never imports it. Import
``pulumi_aihw.targets.workload`` (or ``from pulumi_aihw import Workload``) to use
the component.
"""
