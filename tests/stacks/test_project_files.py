"""Every example stack's Pulumi.yaml validates against Pulumi's project file schema."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from tests.run import ROOT
from tests.stacks.layout import SCHEMA


@pytest.mark.parametrize("project_file", sorted(ROOT.glob("stacks/*/Pulumi.yaml")), ids=str)
def test_project_file_validates_against_pulumis_schema(project_file):
    data = yaml.safe_load(project_file.read_text())
    jsonschema.validate(data, SCHEMA)
    assert data["name"] == project_file.parent.name
    assert data["runtime"]["name"] == "python"
    assert data["runtime"]["options"]["virtualenv"]
