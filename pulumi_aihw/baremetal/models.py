"""The bare-metal inventory: sites, racks and the GPU servers in them.

Frozen pydantic models with attribute docstrings (they become the JSON Schema's
descriptions, ``aihw schema --kind inventory``). Checks that need no other record
live here; cross-references (a server's rack exists, GPU models the catalog knows)
live in :mod:`pulumi_aihw.baremetal.inventory`.

Money is in the site's ``currency`` (converted with the spec's ``exchange_rates_usd``);
power in kW or W as named. Secrets (SSH private keys, BMC passwords) are never in the
file: ``*_secret`` fields name the Pulumi config key (namespace ``aihw``) or
environment variable that holds them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from pulumi_aihw.spec.models import NAME_PATTERN

Name = Annotated[str, Field(pattern=NAME_PATTERN, description="lower-case letters, digits, dashes")]
SECRET_NAME_PATTERN = r"^[A-Za-z][A-Za-z0-9]{0,62}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
REDFISH_URL_PATTERN = r"^https?://[^\s/]+(/\S*)?$"


def _matching(pattern: str, help_text: str) -> AfterValidator:
    """A pattern check with a message people understand (the schema keeps the pattern)."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise ValueError(f"'{value}' is not valid: {help_text}")
        return value

    return AfterValidator(check)


SecretName = Annotated[
    str,
    Field(
        json_schema_extra={"pattern": SECRET_NAME_PATTERN},
        description="a Pulumi config key in the aihw namespace (camelCase letters and digits)",
    ),
    _matching(SECRET_NAME_PATTERN, "use a config key such as sshPrivateKey (letters, digits)"),
]
ServerStatus = Literal["free", "assigned", "maintenance"]


class InventoryModel(BaseModel):
    """Base of every inventory model: frozen, unknown fields rejected."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        allow_inf_nan=False,
        defer_build=True,  # schemas are built on first use: aihw plan starts faster
    )


class Site(InventoryModel):
    """A data centre or colocation site: its efficiency and its electricity price."""

    name: Name
    pue: float = Field(ge=1.0, le=3.0)
    """Power usage effectiveness: facility power / IT power (1.1 hyperscale to 2.0 old rooms).
    Energy cost and the plan's power figure are IT power x PUE."""
    electricity_price_per_kwh: float = Field(ge=0, le=10)
    """What a kWh costs at this site, in ``currency`` (0 where the colo fee includes power)."""
    currency: Annotated[
        str,
        Field(json_schema_extra={"pattern": CURRENCY_PATTERN}),
        _matching(CURRENCY_PATTERN, "use a three-letter ISO 4217 code such as USD or EUR"),
    ] = "USD"
    """ISO 4217 code of every amount at this site (electricity, rent, purchase, colo fee)."""


class Rack(InventoryModel):
    """A rack and the IT power its PDUs may deliver."""

    name: Name
    site: str
    """The site the rack stands in (a ``sites[].name``)."""
    power_budget_kw: float = Field(gt=0, le=1000)
    """IT power the rack may draw (PDU and cooling limit), in kW; no PUE applies."""
    other_load_kw: float = Field(default=0, ge=0, le=1000)
    """IT power drawn in the rack by equipment not listed as servers (switches, storage)."""


class SshAccess(InventoryModel):
    """How enrollment reaches the server over SSH. The private key is not here."""

    host: str = Field(min_length=1, max_length=253)
    """Address or DNS name the enrollment connects to."""
    user: str = Field(min_length=1, max_length=64)
    """Login user: ``root`` or a user with passwordless sudo."""
    port: int = Field(default=22, ge=1, le=65535)
    host_key: str | None = Field(default=None, min_length=16)
    """The server's public host key (``ssh-ed25519 AAAA...``); without it the host key is
    not verified."""
    private_key_secret: SecretName = "sshPrivateKey"
    """Pulumi config secret ``aihw:<name>`` (or environment variable ``AIHW_<NAME>`` in
    upper snake case) holding the private key; without either, the SSH agent is used."""


class Gpu(InventoryModel):
    """The accelerators in one server."""

    model: str = Field(min_length=1, max_length=100)
    """Catalog accelerator id, name or alias (``h100-sxm``, ``NVIDIA L40S``, ``mi300x``)."""
    count: int = Field(gt=0, le=64)
    """Cards per server."""
    tdp_watts: float | None = Field(default=None, gt=0, le=5000)
    """Rated power per card; required where the catalog publishes none, or to state a
    power limit the cards run at."""


class Bmc(InventoryModel):
    """The server's baseboard management controller (Redfish). The password is not here."""

    redfish_url: Annotated[
        str,
        Field(json_schema_extra={"pattern": REDFISH_URL_PATTERN}),
        _matching(REDFISH_URL_PATTERN, "use the BMC's base URL, e.g. https://10.20.0.11"),
    ]
    """Base URL of the BMC (``https://10.20.0.11``)."""
    user: str = Field(default="admin", min_length=1, max_length=64)
    password_secret: SecretName = "bmcPassword"
    """Pulumi config secret ``aihw:<name>`` (or ``AIHW_<NAME>``) holding the BMC password."""


class Cost(InventoryModel):
    """What the server costs: monthly rent, or a purchase price written off over months."""

    monthly_rent: float | None = Field(default=None, gt=0)
    """Rent per month (dedicated server rental, lease), in the site's currency."""
    purchase_price: float | None = Field(default=None, gt=0)
    """Purchase price, in the site's currency; needs ``amortization_months``."""
    amortization_months: int | None = Field(default=None, gt=0, le=240)
    """Months the purchase price is written off over (straight line)."""
    colo_fee_per_month: float = Field(default=0, ge=0)
    """Colocation fee for this server per month (space, cooling, remote hands), if any."""

    @model_validator(mode="after")
    def _one_basis(self) -> Cost:
        rent, bought = self.monthly_rent is not None, self.purchase_price is not None
        if rent == bought:
            raise ValueError(
                "give monthly_rent, or purchase_price with amortization_months (exactly one)"
            )
        if bought and self.amortization_months is None:
            raise ValueError("purchase_price needs amortization_months")
        if rent and self.amortization_months is not None:
            raise ValueError("amortization_months goes with purchase_price, not monthly_rent")
        return self

    @property
    def hardware_per_month(self) -> float:
        """Rent, or purchase price / amortization months, in the site's currency."""
        if self.monthly_rent is not None:
            return self.monthly_rent
        assert self.purchase_price is not None and self.amortization_months is not None
        return self.purchase_price / self.amortization_months


class Server(InventoryModel):
    """One GPU server."""

    name: Name
    rack: str
    """The rack it is mounted in (a ``racks[].name``)."""
    ssh: SshAccess
    gpu: Gpu
    cpu_cores: int = Field(gt=0, le=4096)
    """Physical CPU cores."""
    cpu_threads: int | None = Field(default=None, gt=0, le=8192)
    """Hardware threads; default 2 per core. Host power is estimated per thread."""
    memory_gib: float = Field(gt=0, le=65536)
    """Host memory."""
    bmc: Bmc | None = None
    cost: Cost
    status: ServerStatus = "free"
    """``free``: may be planned; ``assigned``: runs ``workload`` (its power counts in its
    rack); ``maintenance``: not planned, its power counts in its rack."""
    workload: str | None = None
    """With ``assigned``: the workload it runs. A workload may be planned onto its own servers."""

    @model_validator(mode="after")
    def _assignment(self) -> Server:
        if self.workload is not None and self.status != "assigned":
            raise ValueError(f"workload is set but status is '{self.status}'; use 'assigned'")
        return self

    @property
    def threads(self) -> int:
        return self.cpu_threads if self.cpu_threads is not None else 2 * self.cpu_cores


class Inventory(InventoryModel):
    """Owned or rented GPU servers that bare-metal workloads may be planned onto."""

    as_of: dt.date | None = None
    """When the inventory was last reviewed (shown with the plan; default: the catalog's date)."""
    sites: list[Site] = Field(min_length=1)
    racks: list[Rack] = Field(min_length=1)
    servers: list[Server] = Field(min_length=1)
