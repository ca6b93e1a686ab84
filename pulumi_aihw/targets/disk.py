"""How big a boot (root) disk a GPU or accelerator VM gets: the image plus room for the
model. Pure: shared by the AWS and GCP targets."""

from __future__ import annotations

import math

from pulumi_aihw.planner.assumptions import GIB
from pulumi_aihw.planner.sizing import weights_bytes
from pulumi_aihw.spec.models import WorkloadSpec

DISK_HEADROOM = 0.20
"""Extra space on top of the model copies (logs, pip caches, containers)."""
DISK_ROUND_GIB = 10
"""Disks are rounded up to a multiple of this."""
MODEL_COPIES: dict[str, int] = {"inference": 2, "lora": 2, "full": 3}
"""Copies of the weights the disk holds: the downloaded checkpoint and one converted or
compiled copy (vLLM cache, Neuron-compiled artifacts); full training adds one local
checkpoint. Datasets and optimizer checkpoints belong on object or file storage."""


def model_weights_gib(spec: WorkloadSpec) -> float:
    """The model's weights at its precision, in GiB."""
    return weights_bytes(spec) / GIB


def model_copies(spec: WorkloadSpec) -> int:
    return MODEL_COPIES[spec.training_method or "inference"]


def disk_gib(image_gib: float, weights_gib: float, copies: int, max_gib: int) -> int:
    """The image's own size, plus ``copies`` of the model weights, plus
    :data:`DISK_HEADROOM`, rounded up to :data:`DISK_ROUND_GIB`, at least the image and at
    most ``max_gib``::

        ceil_10(image_gib + copies x weights_gib x 1.2)
    """
    raw = image_gib + copies * weights_gib * (1 + DISK_HEADROOM)
    size = math.ceil(raw / DISK_ROUND_GIB) * DISK_ROUND_GIB
    return int(min(max(size, math.ceil(image_gib)), max_gib))
