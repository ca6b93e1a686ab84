"""Preflight: ask AWS and Google Cloud whether planned hardware can be deployed now.

Modules: ``models`` (checks and reports), ``limits`` (timeouts, retries), ``runner``
(which candidates, which checker), ``filter`` (``aihw plan --preflight``),
``clouds`` (the checker registry), and the adapters ``aws*`` and ``gcp*``, which
import boto3 and google-cloud-tpu only when first used. Import the modules
directly; this package imports nothing, so ``aihw`` starts fast. See
docs/preflight.md.
"""
