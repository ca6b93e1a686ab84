"""A fake Azure Resource Manager endpoint (resource SKUs and compute usages) and a fake
Azure Retail Prices API, for preflight and ``catalog refresh --azure``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.cloudfakes.server import LocalServer, Reply, Request, json_reply

SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
_SKUS = re.compile(r"^/subscriptions/([^/]+)/providers/Microsoft\.Compute/skus$")
_USAGES = re.compile(
    r"^/subscriptions/([^/]+)/providers/Microsoft\.Compute/locations/([^/]+)/usages$"
)


def sku(
    name: str,
    region: str,
    *,
    vcpus: int,
    memory_gb: float,
    gpus: int | None = None,
    family: str = "standardNDSH100v5Family",
    zones: tuple[str, ...] = ("1", "2", "3"),
    restrictions: list[dict[str, Any]] | None = None,
    trusted_launch_disabled: bool = False,
    encryption_at_host: bool = True,
) -> dict[str, Any]:
    """One ``virtualMachines`` resource SKU, shaped as ARM returns it."""
    caps = [
        {"name": "vCPUs", "value": str(vcpus)},
        {"name": "MemoryGB", "value": f"{memory_gb:g}"},
        {"name": "HyperVGenerations", "value": "V2"},
        {"name": "EncryptionAtHostSupported", "value": str(encryption_at_host)},
    ]
    if gpus is not None:
        caps.append({"name": "GPUs", "value": str(gpus)})
    if trusted_launch_disabled:
        caps.append({"name": "TrustedLaunchDisabled", "value": "True"})
    return {
        "resourceType": "virtualMachines",
        "name": name,
        "tier": "Standard",
        "size": name.removeprefix("Standard_"),
        "family": family,
        "locations": [region],
        "locationInfo": [{"location": region, "zones": list(zones)}],
        "capabilities": caps,
        "restrictions": restrictions or [],
    }


def usage(name: str, limit: int, current: int = 0, label: str | None = None) -> dict[str, Any]:
    return {
        "name": {"value": name, "localizedValue": label or name},
        "currentValue": current,
        "limit": limit,
        "unit": "Count",
    }


def _arm_error(status: int, code: str, message: str) -> Reply:
    reply = json_reply(status, {"error": {"code": code, "message": message}})
    if status == 429:
        reply.headers["Retry-After"] = "0"
    return reply


@dataclass
class Region:
    skus: list[dict[str, Any]] = field(default_factory=list)
    usages: list[dict[str, Any]] = field(default_factory=list)


class FakeArm(LocalServer):
    """``regions``: region -> its SKUs and usages. ``fail_status`` answers every request
    with that HTTP status (429, 500, 401, 403); ``delay_seconds`` answers late."""

    def __init__(
        self,
        regions: dict[str, Region],
        fail_status: int | None = None,
        delay_seconds: float = 0.0,
    ) -> None:
        self.regions = regions
        self.fail_status = fail_status
        super().__init__(self._route, delay_seconds)

    def _route(self, req: Request) -> Reply:
        if self.fail_status is not None:
            codes = {
                429: "TooManyRequests",
                500: "InternalServerError",
                401: "InvalidAuthenticationToken",
                403: "AuthorizationFailed",
            }
            return _arm_error(
                self.fail_status, codes.get(self.fail_status, "Error"), "injected fault"
            )
        url = urlsplit(req.path)
        m = _SKUS.match(url.path)
        if m:
            wanted = parse_qs(url.query).get("$filter", [""])[0]
            region = re.sub(r"^location eq '([^']*)'$", r"\1", wanted)
            return json_reply(200, {"value": self.regions.get(region, Region()).skus})
        m = _USAGES.match(url.path)
        if m:
            return json_reply(200, {"value": self.regions.get(m.group(2), Region()).usages})
        return _arm_error(404, "NotFound", f"no route {req.path}")


def retail_item(
    sku_name: str,
    region: str,
    price: float,
    *,
    meter: str | None = None,
    product: str = "Virtual Machines NDsr H100 v5 Series",
    kind: str = "Consumption",
    term: str | None = None,
    currency: str = "USD",
) -> dict[str, Any]:
    """One Azure Retail Prices API item."""
    item = {
        "currencyCode": currency,
        "retailPrice": price,
        "unitPrice": price,
        "armRegionName": region,
        "armSkuName": sku_name,
        "meterName": meter or sku_name.removeprefix("Standard_").replace("_", " "),
        "productName": product,
        "serviceName": "Virtual Machines",
        "skuName": meter or sku_name,
        "unitOfMeasure": "1 Hour",
        "type": kind,
        "effectiveStartDate": "2026-08-01T00:00:00Z",
    }
    if term:
        item["reservationTerm"] = term
    return item


class FakeRetailPrices(LocalServer):
    """``items``: every item the API knows; pages of ``page_size`` with ``NextPageLink``.
    Filters on ``armSkuName`` and ``armRegionName`` (``eq`` joined by ``and``/``or``)."""

    def __init__(
        self,
        items: list[dict[str, Any]],
        page_size: int = 2,
        fail_status: int | None = None,
        delay_seconds: float = 0.0,
    ) -> None:
        self.items = items
        self.page_size = page_size
        self.fail_status = fail_status
        super().__init__(self._route, delay_seconds)

    def _route(self, req: Request) -> Reply:
        if self.fail_status is not None:
            reply = json_reply(
                self.fail_status, {"Error": {"Code": "Injected", "Message": "injected fault"}}
            )
            if self.fail_status == 429:
                reply.headers["Retry-After"] = "0"
            return reply
        url = urlsplit(req.path)
        if url.path != "/api/retail/prices":
            return json_reply(404, {"Error": {"Code": "NotFound", "Message": url.path}})
        query = parse_qs(url.query)
        matched = [i for i in self.items if _matches(i, query.get("$filter", [""])[0])]
        skip = int(query.get("$skip", ["0"])[0])
        page = matched[skip : skip + self.page_size]
        more = skip + self.page_size < len(matched)
        nxt = None
        if more:
            params = {k: v[0] for k, v in query.items() if k != "$skip"}
            rest = urlencode(params)
            nxt = f"{self.url}/api/retail/prices?{rest}&$skip={skip + self.page_size}"
        body = {"BillingCurrency": "USD", "Items": page, "NextPageLink": nxt, "Count": len(page)}
        return Reply(200, json.dumps(body).encode())


_CLAUSE = re.compile(r"(\w+) eq '([^']*)'")


def _matches(item: dict[str, Any], expr: str) -> bool:
    """A tiny OData subset: ``(a eq 'x' or a eq 'y') and b eq 'z'``."""
    for conjunct in re.split(r"\s+and\s+", expr.strip()):
        options = _CLAUSE.findall(conjunct)
        if options and not any(str(item.get(k)) == v for k, v in options):
            return False
    return True
