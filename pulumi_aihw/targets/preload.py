"""Load the provider SDK modules the targets use, for real, at import.

Imported only by the process ``aihw check --jobs`` forks its preview workers from, so each
worker starts with them loaded. Pulumi's SDKs put lazy stubs in ``sys.modules`` for
their submodules and load one on first attribute access (``pulumi_gcp.compute`` takes
seconds); importing the stub alone loads nothing. An SDK that is not installed is left out.
"""

from __future__ import annotations

from importlib import import_module

from pulumi_aihw.targets.registry import SDK_MODULES


def load(modules: tuple[str, ...] = SDK_MODULES) -> list[str]:
    """Load ``modules`` (their lazy stubs too); the names that loaded."""
    loaded = []
    for name in modules:
        try:
            module = import_module(name)
            getattr(module, "__all__", None)  # any attribute loads a lazy stub
        except ImportError:
            continue
        loaded.append(name)
    return loaded


LOADED = load()
