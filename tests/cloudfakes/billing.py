"""A local fake of the Cloud Billing Catalog API (``GET /v1/services/{id}/skus``), with
pages and injectable failures, for ``aihw catalog refresh --gcp``."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.cloudfakes.server import LocalServer, Reply, Request, json_reply


def sku(
    sku_id: str, description: str, usage: str, regions: list[str], usd: float, unit: str = "h"
) -> dict[str, Any]:
    """One SKU as the API returns it (a single-tier hourly rate in USD)."""
    units, nanos = int(usd), round((usd - int(usd)) * 1e9)
    return {
        "name": f"services/6F81-5844-456A/skus/{sku_id}",
        "skuId": sku_id,
        "description": description,
        "category": {
            "serviceDisplayName": "Compute Engine",
            "resourceFamily": "Compute",
            "resourceGroup": "GPU" if "GPU" in description else "CPU",
            "usageType": usage,
        },
        "serviceRegions": regions,
        "pricingInfo": [
            {
                "pricingExpression": {
                    "usageUnit": unit,
                    "tieredRates": [
                        {
                            "startUsageAmount": 0,
                            "unitPrice": {
                                "currencyCode": "USD",
                                "units": str(units),
                                "nanos": nanos,
                            },
                        }
                    ],
                }
            }
        ],
    }


class FakeBilling(LocalServer):
    """Serves ``skus`` in pages of ``page_size``; ``fail_status`` answers every request
    with that HTTP status; ``key`` is the API key it accepts."""

    def __init__(self, skus: list[dict[str, Any]], page_size: int = 2, key: str = "k") -> None:
        self.skus = skus
        self.page_size = page_size
        self.key = key
        self.fail_status: int | None = None
        super().__init__(self._route)

    def _route(self, req: Request) -> Reply:
        if self.fail_status is not None:
            return json_reply(self.fail_status, {"error": {"code": self.fail_status}})
        url = urlparse(req.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if not url.path.startswith("/v1/services/6F81-5844-456A/skus"):
            return json_reply(404, {"error": {"message": "not found"}})
        if query.get("key") != self.key:
            return json_reply(403, {"error": {"message": "API key not valid"}})
        start = int(query.get("pageToken") or 0)
        page = self.skus[start : start + self.page_size]
        body: dict[str, Any] = {"skus": page}
        if start + self.page_size < len(self.skus):
            body["nextPageToken"] = str(start + self.page_size)
        return json_reply(200, body)
