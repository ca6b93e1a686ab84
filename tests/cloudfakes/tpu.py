"""A fake Cloud TPU API (v2 REST): locations, accelerator types, runtime versions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tests.cloudfakes.server import LocalServer, Reply, Request, json_reply

_ZONE_LIST = re.compile(
    r"^/v2/projects/([^/]+)/locations/([^/?]+)/(acceleratorTypes|runtimeVersions)"
)
_LOCATIONS = re.compile(r"^/v2/projects/([^/]+)/locations(\?|$)")


@dataclass
class Zone:
    types: list[str] = field(default_factory=list)
    runtimes: list[str] = field(default_factory=list)


def _error(status: int, reason: str, message: str) -> Reply:
    return json_reply(status, {"error": {"code": status, "message": message, "status": reason}})


class FakeTpu(LocalServer):
    """``zones``: zone -> what it offers. ``fail_status`` answers every request with
    that HTTP status (429, 500, 403); ``delay_seconds`` answers late (timeouts)."""

    def __init__(
        self,
        zones: dict[str, Zone],
        project: str = "proj-1",
        fail_status: int | None = None,
        delay_seconds: float = 0.0,
    ) -> None:
        self.zones = zones
        self.project = project
        self.fail_status = fail_status
        self.malformed: bytes | None = None
        """A 200 body every request gets instead of an answer (garbage, HTML, ...)."""
        super().__init__(self._route, delay_seconds)

    def _route(self, req: Request) -> Reply:
        if self.malformed is not None:
            return Reply(200, self.malformed, "application/json")
        if self.fail_status is not None:
            reasons = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 403: "PERMISSION_DENIED"}
            return _error(self.fail_status, reasons.get(self.fail_status, "UNKNOWN"), "injected")
        m = _LOCATIONS.match(req.path)
        if m:
            if m.group(1) != self.project:
                return _error(403, "PERMISSION_DENIED", f"no access to project {m.group(1)}")
            locations = [
                {"name": f"projects/{self.project}/locations/{z}", "locationId": z}
                for z in sorted(self.zones)
            ]
            return json_reply(200, {"locations": locations})
        m = _ZONE_LIST.match(req.path)
        if m:
            project, zone, kind = m.groups()
            if project != self.project:
                return _error(403, "PERMISSION_DENIED", f"no access to project {project}")
            if zone not in self.zones:
                return _error(404, "NOT_FOUND", f"location {zone} not found")
            base = f"projects/{project}/locations/{zone}/{kind}"
            if kind == "acceleratorTypes":
                items = [
                    {"name": f"{base}/{t}", "type": t, "acceleratorConfigs": []}
                    for t in self.zones[zone].types
                ]
                return json_reply(200, {"acceleratorTypes": items})
            items = [{"name": f"{base}/{v}", "version": v} for v in self.zones[zone].runtimes]
            return json_reply(200, {"runtimeVersions": items})
        return _error(404, "NOT_FOUND", f"no route {req.path}")
