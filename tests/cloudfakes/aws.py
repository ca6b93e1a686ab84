"""Fake AWS endpoints: Service Quotas and the Price List API (JSON protocol), and a
fault server that answers every AWS request (JSON or EC2 query protocol) with one
failure: throttling, HTTP 500, a late answer (timeout) or rejected credentials."""

from __future__ import annotations

import json

from tests.cloudfakes.server import LocalServer, Reply, Request, json_reply

JSON_11 = "application/x-amz-json-1.1"


def price_item(
    instance_type: str,
    region: str,
    usd_per_hour: str,
    *,
    sku: str = "SKU123",
    marketoption: str = "OnDemand",
    operation: str = "RunInstances",
    published: str = "2026-11-01T00:00:00Z",
) -> str:
    """One Price List item as the API returns it: a JSON document as a string."""
    term = f"{sku}.JRTCKXETXF"
    return json.dumps(
        {
            "product": {
                "productFamily": "Compute Instance",
                "sku": sku,
                "attributes": {
                    "instanceType": instance_type,
                    "regionCode": region,
                    "operatingSystem": "Linux",
                    "tenancy": "Shared",
                    "preInstalledSw": "NA",
                    "capacitystatus": "Used",
                    "marketoption": marketoption,
                    "operation": operation,
                },
            },
            "serviceCode": "AmazonEC2",
            "terms": {
                "OnDemand": {
                    term: {
                        "sku": sku,
                        "offerTermCode": "JRTCKXETXF",
                        "priceDimensions": {
                            f"{term}.6YS6EN2CT7": {
                                "unit": "Hrs",
                                "pricePerUnit": {"USD": usd_per_hour},
                                "description": f"${usd_per_hour} per On Demand Linux hour",
                            }
                        },
                    }
                }
            },
            "publicationDate": published,
        }
    )


class FakeAwsJson(LocalServer):
    """Service Quotas ``GetServiceQuota`` and Price List ``GetProducts``.

    ``quotas``: quota code -> vCPUs (a missing code answers NoSuchResourceException);
    ``prices``: (instance type, region) -> list of Price List items.
    """

    def __init__(
        self,
        quotas: dict[str, float] | None = None,
        prices: dict[tuple[str, str], list[str]] | None = None,
    ) -> None:
        self.quotas = quotas or {}
        self.prices = prices or {}
        super().__init__(self._route)

    def _route(self, req: Request) -> Reply:
        target = req.headers.get("X-Amz-Target", "")
        body = req.json()
        if target.endswith(".GetServiceQuota"):
            code = body["QuotaCode"]
            if code not in self.quotas:
                return json_reply(
                    400,
                    {"__type": "NoSuchResourceException", "message": f"{code} not found"},
                    JSON_11,
                )
            quota = {
                "ServiceCode": "ec2",
                "QuotaCode": code,
                "QuotaName": f"Running instances quota {code}",
                "Value": self.quotas[code],
                "Unit": "None",
            }
            return json_reply(200, {"Quota": quota}, JSON_11)
        if target.endswith(".GetProducts"):
            terms = {f["Field"]: f["Value"] for f in body.get("Filters", [])}
            items = self.prices.get((terms.get("instanceType", ""), terms.get("regionCode", "")))
            return json_reply(200, {"FormatVersion": "aws_v1", "PriceList": items or []}, JSON_11)
        return json_reply(400, {"__type": "UnknownOperationException"}, JSON_11)


FAULTS: dict[str, tuple[int, str, str]] = {
    # kind: (HTTP status, JSON error type, EC2 error code)
    "throttling": (400, "ThrottlingException", "RequestLimitExceeded"),
    "http500": (500, "InternalErrorException", "InternalError"),
    "bad-credentials": (400, "UnrecognizedClientException", "AuthFailure"),
    "denied": (403, "AccessDeniedException", "UnauthorizedOperation"),
}
MALFORMED: dict[str, tuple[bytes, str]] = {
    # kind: (a 200 body, its content type) that is not the API's answer
    "garbage": (b"\x00\x01 not a response {", "application/x-amz-json-1.1"),
    "html": (b"<html><body><h1>Sign in to the proxy</h1></body></html>", "text/html"),
    "empty": (b"", "application/x-amz-json-1.1"),
    "wrong-shape": (b'{"Unexpected": [1, 2, 3]}', "application/x-amz-json-1.1"),
}


class AwsFaultServer(LocalServer):
    """Answers every request with one fault; ``timeout`` answers too late instead."""

    def __init__(self, kind: str, delay_seconds: float = 1.0) -> None:
        self.kind = kind
        super().__init__(self._route, delay_seconds if kind == "timeout" else 0.0)

    def _route(self, req: Request) -> Reply:
        if self.kind == "timeout":
            return json_reply(200, {}, JSON_11)
        if self.kind in MALFORMED:
            body, content_type = MALFORMED[self.kind]
            if self.kind == "wrong-shape" and "X-Amz-Target" not in req.headers:
                body, content_type = b"<Response><Nothing/></Response>", "text/xml"
            return Reply(200, body, content_type)
        status, json_type, ec2_code = FAULTS[self.kind]
        if "X-Amz-Target" in req.headers:
            return json_reply(status, {"__type": json_type, "message": "injected fault"}, JSON_11)
        xml = (
            f"<Response><Errors><Error><Code>{ec2_code}</Code><Message>injected fault"
            "</Message></Error></Errors><RequestID>req-1</RequestID></Response>"
        )
        return Reply(status, xml.encode(), "text/xml")
