"""The checker registry: which cloud each provider's candidates are checked against.

Building a factory imports nothing; calling it imports boto3, google-cloud-tpu or azure-mgmt-compute
and resolves that cloud's credentials.
"""

from __future__ import annotations

from collections.abc import Mapping

from pulumi_aihw.preflight.limits import Limits
from pulumi_aihw.preflight.runner import Checker, CheckerFactories


def default_checkers(limits: Limits, environ: Mapping[str, str] | None = None) -> CheckerFactories:
    """``{"aws": ..., "gcp": ..., "azure": ...}``: checker factories using the standard
    credential chains (AWS profile/environment, Google Application Default Credentials,
    Azure ``DefaultAzureCredential``)."""

    def aws() -> Checker:
        from pulumi_aihw.preflight.aws import AwsChecker
        from pulumi_aihw.preflight.aws_clients import AwsClients

        return AwsChecker(AwsClients(limits))

    def gcp() -> Checker:
        from pulumi_aihw.preflight.gcp import GcpChecker
        from pulumi_aihw.preflight.gcp_clients import tpu_api_factory

        return GcpChecker(tpu_api_factory(limits, environ))

    def azure() -> Checker:
        from pulumi_aihw.preflight.azure import AzureChecker
        from pulumi_aihw.preflight.azure_clients import compute_api_factory

        return AzureChecker(compute_api_factory(limits, environ))

    return {"aws": aws, "gcp": gcp, "azure": azure}
