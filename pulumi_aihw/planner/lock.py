"""Lock files: pin a plan's choice so a catalog update cannot silently move hardware.

``aihw plan --lock`` writes ``aihw.lock.json`` beside the spec. Planning honours it
while the spec's planning-relevant fields hash the same; when they change, the lock
is reported stale and ignored. Pure functions: reading and writing files is the
CLI's and the component's job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pulumi_aihw.errors import LockError, Problem
from pulumi_aihw.inputs import parse_json
from pulumi_aihw.spec.models import WorkloadSpec

LOCK_FILENAME = "aihw.lock.json"

# Fields that decide the hardware; tags, owner, network, deploy settings and
# suppressions can change without invalidating a lock.
HASHED_FIELDS = frozenset(
    {
        "phase",
        "model",
        "frameworks",
        "training",
        "demand",
        "pin",
        "placement",
        "constraints",
        "baremetal",
        "exchange_rates_usd",
    }
)


def spec_hash(spec: WorkloadSpec) -> str:
    data = spec.model_dump(mode="json", include=set(HASHED_FIELDS))
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(blob.encode()).hexdigest()


class LockedChoice(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    provider: str
    offering: str
    region: str | None
    units: int = Field(gt=0)
    accelerator: str


class LockFile(BaseModel):
    """The content of ``aihw.lock.json``."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    version: int = 1
    workload: str
    spec_hash: str
    catalog_as_of: dt.date
    chosen: LockedChoice


def parse_lock(text: str, file: str = LOCK_FILENAME) -> LockFile:
    data: Any = parse_json(text, file, LockError)
    try:
        lock = LockFile.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(e["msg"], file=file, path=".".join(str(p) for p in e["loc"]) or None)
            for e in exc.errors(include_input=False)[:20]
        ]
        fix = "Delete the file and run `aihw plan --lock` to write a new one"
        raise LockError([*problems, Problem(f"not a valid lock file. {fix}", file=file)]) from None
    if lock.version != 1:
        raise LockError(
            Problem(
                f"unsupported lock file version {lock.version} (this aihw writes version 1)",
                file=file,
            )
        )
    return lock


def dump_lock(lock: LockFile) -> str:
    return json.dumps(lock.model_dump(mode="json"), indent=2, sort_keys=False) + "\n"
