"""The program a ``runtime: yaml`` stack runs as: the Pulumi YAML program in the current
directory (the stack's folder), evaluated by :mod:`pulumi_aihw.preview.yaml_program`.

:func:`pulumi_aihw.preview.project.read_project` names this file as the program of a YAML
stack, so the in-process engine and the isolated runner run it like a Python program.
Like any stack program it takes the ``Workload`` component from the public API.
"""

from pathlib import Path

import pulumi_aihw
from pulumi_aihw.contracts import WORKLOAD_TYPE
from pulumi_aihw.preview.yaml_program import run_directory

run_directory(Path.cwd(), {WORKLOAD_TYPE: pulumi_aihw.Workload})
