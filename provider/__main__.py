"""The aihw component provider (the Workload component), for `pulumi package add`.

Pulumi runs this directory as `python <dir> <engine address>`: the host prints its gRPC
port on stdout and serves the schema inferred from the component's type hints.
"""

from pulumi_aihw.component_provider import serve
from pulumi_aihw.targets.workload import Workload  # noqa: F401  a top-level component name

if __name__ == "__main__":
    serve()
