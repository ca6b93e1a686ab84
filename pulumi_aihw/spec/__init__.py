"""The workload spec: pydantic models, YAML loading with located errors, profiles, schema."""

from pulumi_aihw.spec.loader import load_spec, source_of, spec_from_dict
from pulumi_aihw.spec.models import (
    Architecture,
    AwsDeploySpec,
    BareMetalSpec,
    CapacityBlockSpec,
    ConstraintsSpec,
    DemandSpec,
    DeploySpec,
    GcpDeploySpec,
    IngressRule,
    ModelSpec,
    NetworkSpec,
    PinSpec,
    PlacementSpec,
    Suppression,
    TrainingSpec,
    WorkloadSpec,
)
from pulumi_aihw.spec.profile import LoadedProfile, PlatformProfile, load_profile
from pulumi_aihw.spec.schema import json_schema
from pulumi_aihw.spec.source import SourceMap

__all__ = [
    "Architecture",
    "AwsDeploySpec",
    "BareMetalSpec",
    "CapacityBlockSpec",
    "ConstraintsSpec",
    "DemandSpec",
    "DeploySpec",
    "GcpDeploySpec",
    "IngressRule",
    "LoadedProfile",
    "ModelSpec",
    "NetworkSpec",
    "PinSpec",
    "PlacementSpec",
    "PlatformProfile",
    "SourceMap",
    "Suppression",
    "TrainingSpec",
    "WorkloadSpec",
    "json_schema",
    "load_profile",
    "load_spec",
    "source_of",
    "spec_from_dict",
]
