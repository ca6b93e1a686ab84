"""Which AMI an accelerator boots by default: a public SSM parameter. Pure data.

Sources (checked with the docs search, Nov 2025):

- AWS Deep Learning AMIs, "Finding the ID of a DLAMI": parameters are named
  ``/aws/service/deeplearning/ami/$architecture/$ami_type/latest/ami-id``; the
  "Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04)" is
  ``base-oss-nvidia-driver-gpu-ubuntu-22.04`` and supports G4dn, G5, G6, G6e, P4d,
  P4de, P5, P5e, P5en and P6-B200 (its release notes).
- AWS Neuron docs, "Neuron DLAMI User Guide": the multi-framework Neuron DLAMI
  (Ubuntu 22.04) is ``/aws/service/neuron/dlami/multi-framework/ubuntu-22.04`` with
  ``/latest/image_id``; it supports Inf2, Trn1, Trn1n and Trn2. Neuron DLAMIs
  from SDK 2.26.1 on no longer support Inf1.

Accelerators without a verified default image (Inf1, Intel Gaudi on dl1, B300)
need an explicit ``deploy.aws.ami_id``; :func:`default_ami_parameter` says why
and names the alternatives.
"""

from __future__ import annotations

DLAMI_NVIDIA_X86 = (
    "/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id"
)
NEURON_DLAMI = "/aws/service/neuron/dlami/multi-framework/ubuntu-22.04/latest/image_id"

AMI_PARAMETERS: dict[str, str] = {
    "t4": DLAMI_NVIDIA_X86,
    "a10g": DLAMI_NVIDIA_X86,
    "l4": DLAMI_NVIDIA_X86,
    "l40s": DLAMI_NVIDIA_X86,
    "a100-40gb": DLAMI_NVIDIA_X86,
    "a100-80gb": DLAMI_NVIDIA_X86,
    "h100-sxm": DLAMI_NVIDIA_X86,
    "h200": DLAMI_NVIDIA_X86,
    "b200": DLAMI_NVIDIA_X86,
    "rtx-pro-6000-blackwell-server": DLAMI_NVIDIA_X86,
    "inferentia2": NEURON_DLAMI,
    "trainium": NEURON_DLAMI,
    "trainium2": NEURON_DLAMI,
}
"""Accelerator id -> public SSM parameter holding the current AMI id for it."""

NO_DEFAULT_AMI: dict[str, str] = {
    "inferentia": "the current Neuron DLAMIs (SDK 2.26.1 and later) no longer support Inf1; "
    "use an inf2 instance, or set deploy.aws.ami_id to a Neuron DLAMI released up to SDK 2.26",
    "gaudi": "aihw has no verified public SSM parameter for an Intel Gaudi (SynapseAI) AMI; "
    "set deploy.aws.ami_id to a Habana/SynapseAI AMI you have tested, or plan for "
    "p4d.24xlarge, p5.48xlarge or trn1.32xlarge instead",
    "b300": "the Base OSS DLAMI (Ubuntu 22.04) does not list P6-B300 among its supported "
    "instances; set deploy.aws.ami_id to an AMI with a driver for B300",
    "v100-16gb": "aihw has no verified default AMI for P3 (Volta): newer NVIDIA driver "
    "branches drop Volta; set deploy.aws.ami_id to a DLAMI whose driver supports V100",
    "v100-32gb": "aihw has no verified default AMI for P3dn (Volta): newer NVIDIA driver "
    "branches drop Volta; set deploy.aws.ami_id to a DLAMI whose driver supports V100",
}
"""Accelerator id -> why there is no default AMI, and what to do instead."""


def default_ami_parameter(accelerator_id: str) -> str | None:
    """The SSM parameter for ``accelerator_id``'s default AMI, or ``None`` if it has none."""
    return AMI_PARAMETERS.get(accelerator_id)


def no_default_reason(accelerator_id: str) -> str:
    return NO_DEFAULT_AMI.get(
        accelerator_id,
        f"aihw knows no default AMI for the accelerator '{accelerator_id}'; set deploy.aws.ami_id",
    )
