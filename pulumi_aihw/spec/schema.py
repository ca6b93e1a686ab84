"""JSON Schemas for the files users write (``aihw schema``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from pulumi_aihw.spec.docstrings import attach_field_docs
from pulumi_aihw.spec.models import WorkloadSpec
from pulumi_aihw.spec.profile import PlatformProfile

SCHEMA_BASE_URL = "https://raw.githubusercontent.com/pulumi-aihw/pulumi-aihw/main/schemas"

SCHEMA_KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "workload": (WorkloadSpec, "workload.schema.json"),
    "profile": (PlatformProfile, "profile.schema.json"),
}


def register_schema_kind(kind: str, model: type[BaseModel], filename: str) -> None:
    """Add a file kind (the bare-metal inventory registers itself this way)."""
    SCHEMA_KINDS[kind] = (model, filename)


def json_schema(kind: str = "workload") -> dict[str, Any]:
    model, filename = SCHEMA_KINDS[kind]
    attach_field_docs(model)
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URL}/{filename}",
        **schema,
    }
