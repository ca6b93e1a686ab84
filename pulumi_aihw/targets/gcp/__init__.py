"""The GCP targets: TPU VMs and slices (``gcp-tpu``), and GPU VMs (``gcp-gpu``).

``settings`` (shared), ``tpu_settings`` and ``gpu_settings`` decide (pure), with the data
in ``zones`` and ``images``; ``access`` (service account and firewall rules), ``tpu``
and ``gpu`` build one concern each; ``component`` ties them into the ``GcpTpuTarget``
and ``GcpGpuTarget`` components. See docs/gcp.md.
"""
