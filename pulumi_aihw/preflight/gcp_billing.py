"""The Cloud Billing Catalog API over REST (``services/{id}/skus``), for
``aihw catalog refresh --gcp``. Reads every page; an API key comes from
``GOOGLE_API_KEY`` (the Catalog API needs no other credentials). The endpoint can be
pointed elsewhere (``AIHW_GCP_BILLING_ENDPOINT``, a local fake in the tests).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from pulumi_aihw.catalog.gcp_billing import COMPUTE_SERVICE
from pulumi_aihw.errors import ConfigError, CredentialsError, ExternalServiceError

ENDPOINT = "https://cloudbilling.googleapis.com"
ENDPOINT_ENV = "AIHW_GCP_BILLING_ENDPOINT"
API_KEY_ENV = "GOOGLE_API_KEY"
MAX_PAGES = 200
"""A guard against a service that never stops paging (Compute Engine has ~40 pages)."""


def list_skus(
    *,
    api_key: str | None = None,
    endpoint: str | None = None,
    timeout_seconds: float = 30.0,
    service: str = COMPUTE_SERVICE,
) -> list[dict[str, Any]]:
    """Every SKU of ``service`` priced in USD. Raises ``CredentialsError`` (exit 2) for a
    missing or rejected key and ``ExternalServiceError`` (exit 3) when the API fails."""
    key = api_key or os.environ.get(API_KEY_ENV)
    if not key:
        raise CredentialsError(
            f"the Cloud Billing Catalog API needs an API key. To fix: set {API_KEY_ENV} "
            "(an API key of a project with the Cloud Billing API enabled)"
        )
    base = (endpoint or os.environ.get(ENDPOINT_ENV) or ENDPOINT).rstrip("/")
    if not base.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ConfigError(f"{ENDPOINT_ENV}: '{base}' must be an https:// URL (or a local fake)")
    skus: list[dict[str, Any]] = []
    token = ""
    for _ in range(MAX_PAGES):
        query = {"key": key, "currencyCode": "USD", "pageSize": "5000"}
        if token:
            query["pageToken"] = token
        url = f"{base}/v1/services/{service}/skus?{urllib.parse.urlencode(query)}"
        page = _get(url, timeout_seconds)
        skus.extend(page.get("skus", []))
        token = str(page.get("nextPageToken") or "")
        if not token:
            return skus
    raise ExternalServiceError(
        f"Cloud Billing Catalog API: still paging after {MAX_PAGES} pages; nothing written"
    )


def _get(url: str, timeout_seconds: float) -> dict[str, Any]:
    shown = url.split("?", 1)[0]
    try:
        with urllib.request.urlopen(url, timeout=timeout_seconds) as resp:
            data: dict[str, Any] = json.loads(resp.read().decode("utf-8"))
            return data
    except urllib.error.HTTPError as exc:
        if exc.code in (400, 401, 403):
            raise CredentialsError(
                f"Cloud Billing Catalog API refused the request ({exc.code} at {shown}). "
                f"To fix: check {API_KEY_ENV} and that the Cloud Billing API is enabled"
            ) from None
        raise ExternalServiceError(
            f"Cloud Billing Catalog API failed ({exc.code} at {shown}); nothing written"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ExternalServiceError(
            f"Cloud Billing Catalog API unreachable ({reason} at {shown}); nothing written"
        ) from None
