"""The workload spec: what a workload needs, not how to build it.

Frozen pydantic models with attribute docstrings (they become the JSON Schema's
descriptions and the spec reference in docs/spec.md). Cross-field rules that need
no catalog live here; rules that need the catalog (unknown accelerator, training
on an inference-only chip) live in :mod:`pulumi_aihw.planner.checks`.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from pulumi_aihw.vocab import (
    Deployment,
    Framework,
    Phase,
    Portability,
    Precision,
    Provider,
    PurchaseOption,
)

NAME_PATTERN = r"^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$"
RULE_ID_PATTERN = r"^AIHW-[A-Z]+-\d{3}$"

Name = Annotated[str, Field(pattern=NAME_PATTERN, description="lower-case letters, digits, dashes")]


class SpecModel(BaseModel):
    """Base of every spec model: frozen, unknown fields rejected, docstrings as descriptions."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        allow_inf_nan=False,  # NaN and infinities are refused, never computed with
        defer_build=True,  # schemas are built on first use: aihw plan starts faster
    )


class Architecture(SpecModel):
    """Transformer shape, for an exact KV-cache size. Optional: without it the planner
    estimates the KV cache from the parameter count (see the README's sizing section)."""

    layers: int = Field(gt=0, le=1000)
    """Number of transformer layers (Llama-3-70B: 80)."""
    kv_heads: int = Field(gt=0, le=1024)
    """Key/value heads per layer; fewer than query heads with grouped-query attention (8)."""
    head_dim: int = Field(gt=0, le=4096)
    """Dimension of one attention head (128)."""


class ModelSpec(SpecModel):
    """The model to serve or train."""

    name: str = Field(min_length=1, max_length=200)
    """The model's name, for people (``llama-3-8b``)."""
    parameters_billion: float = Field(gt=0, le=20000)
    """Parameter count in billions (70 for a 70B model)."""
    precision: Precision = Precision.BF16
    """Numeric precision of the weights (``fp4``: NVFP4/MXFP4, Blackwell-class hardware)."""
    kv_cache_precision: Precision | None = None
    """Precision of the inference KV cache. Default: the weights' precision at 16 bits and
    more, else bf16 (serving engines keep a 16-bit cache unless told otherwise, e.g.
    vLLM's ``--kv-cache-dtype auto``)."""
    context_length_tokens: int = Field(default=4096, gt=0, le=10_000_000)
    """Longest sequence (prompt + output) the workload serves or trains on."""
    architecture: Architecture | None = None


class TrainingSpec(SpecModel):
    """What to train, for training and fine-tuning phases."""

    tokens_billion: float = Field(gt=0, le=1_000_000)
    """Tokens to train on, in billions."""
    deadline_days: float | None = Field(default=None, gt=0, le=3650)
    """Wall-clock days the run may take; the planner sizes the hardware to meet it."""
    method: Literal["full", "lora"] | None = None
    """``full`` (all weights, Adam) or ``lora`` (adapters only). Default: full for
    training, lora for fine-tuning."""


class DemandSpec(SpecModel):
    """Inference demand: give tokens per second, or requests per second with tokens per
    request; optionally the request shape and latency objectives."""

    tokens_per_second: float | None = Field(default=None, gt=0, le=1e9)
    """Generated (output) tokens per second across all replicas at peak."""
    requests_per_second: float | None = Field(default=None, gt=0, le=1e7)
    """Requests per second at peak; needs ``tokens_per_request``."""
    tokens_per_request: int | None = Field(default=None, gt=0, le=10_000_000)
    """Generated (output) tokens per request. Default for the throughput estimate: 1,000
    (see ``prompt_tokens_per_request``)."""
    prompt_tokens_per_request: int | None = Field(default=None, gt=0, le=10_000_000)
    """Input (prompt) tokens per request: the prefill work. Default: 1,000 (with 1,000
    output tokens, TensorRT-LLM's benchmark point; an assumption, not your workload), both
    scaled down to fit ``model.context_length_tokens``."""
    max_time_to_first_token_ms: float | None = Field(default=None, gt=0, le=3_600_000)
    """Latency objective: time to the first generated token. Bounds the batch."""
    max_time_per_output_token_ms: float | None = Field(default=None, gt=0, le=60_000)
    """Latency objective: time per generated token after the first. Bounds the batch."""
    concurrent_requests: int | None = Field(default=None, gt=0, le=10_000_000)
    """Sequences in flight at once, if known (sizes the KV cache)."""
    hours_per_day: float = Field(default=24, gt=0, le=24)
    """Hours a day the service runs; on-demand and spot cost scale with it."""

    @model_validator(mode="after")
    def _one_way(self) -> DemandSpec:
        rate = self.tokens_per_second is not None
        req = self.requests_per_second is not None
        if rate and req:
            raise ValueError("give either tokens_per_second or requests_per_second, not both")
        if not rate and not req:
            raise ValueError(
                "demand needs tokens_per_second, or requests_per_second with tokens_per_request"
            )
        if req and self.tokens_per_request is None:
            raise ValueError("requests_per_second needs tokens_per_request")
        return self

    @property
    def total_tokens_per_second(self) -> float:
        if self.tokens_per_second is not None:
            return self.tokens_per_second
        assert self.requests_per_second is not None and self.tokens_per_request is not None
        return self.requests_per_second * self.tokens_per_request


class PinSpec(SpecModel):
    """Explicit hardware instead of sizing: an accelerator and count, or one exact offering."""

    accelerator: str | None = None
    """Accelerator id, name or alias (``h100-sxm``, ``inf2``, ``tpu-v5e``)."""
    count: int | None = Field(default=None, gt=0, le=100_000)
    """Total accelerators (chips or cards) wanted."""
    offering: str | None = None
    """An exact offering (``p5.48xlarge``, ``v6e-8``, ``GEX63``)."""
    units: int | None = Field(default=None, gt=0, le=100_000)
    """With ``offering``: how many instances, slices or servers (default 1)."""

    @model_validator(mode="after")
    def _one_way(self) -> PinSpec:
        by_acc = self.accelerator is not None or self.count is not None
        by_off = self.offering is not None
        if by_acc and by_off:
            raise ValueError("pin either accelerator with count, or offering, not both")
        if not by_acc and not by_off:
            raise ValueError("pin needs accelerator with count, or offering")
        if by_acc and (self.accelerator is None or self.count is None):
            raise ValueError("pin.accelerator and pin.count go together")
        if self.units is not None and not by_off:
            raise ValueError("pin.units goes with pin.offering; use pin.count with an accelerator")
        return self


class PlacementSpec(SpecModel):
    """Where the workload may run. An empty or absent list allows everything."""

    providers: list[Provider] | None = None
    """Allowed providers (``aws``, ``gcp``, ``azure``, ``hetzner``, ``qubrid``, ``hotaisle``,
    ``owned``)."""
    deployments: list[Deployment] | None = None
    """Allowed deployment kinds: ``cloud``, ``bare-metal``."""
    regions: list[str] | None = None
    """Allowed cloud regions (``us-east-1``, ``us-central1``); bare metal uses ``sites``."""
    sites: list[str] | None = None
    """Allowed bare-metal sites or provider locations."""
    offerings: list[str] | None = None
    """Allowed offerings (an allow-list, usually from a platform profile)."""
    accelerators: list[str] | None = None
    """Allowed accelerators by id, name or alias."""


class ConstraintsSpec(SpecModel):
    """Limits and preferences the plan must respect."""

    max_usd_per_month: float | None = Field(default=None, gt=0)
    """Monthly budget in USD; candidates above it are rejected."""
    max_usd_total: float | None = Field(default=None, gt=0)
    """Training only: budget for the whole run in USD."""
    max_power_kw: float | None = Field(default=None, gt=0)
    """Power cap in kW for all accelerators and hosts (times PUE on owned hardware)."""
    unknown_power: Literal["warn", "reject"] = "warn"
    """With ``max_power_kw`` set, what to do with accelerators whose power is not
    published (recent TPUs, Inferentia): ``warn`` keeps them, flagged; ``reject``
    drops them because the cap cannot be checked."""
    portability: Portability = Portability.PREFERRED
    """``required``: vendor-SDK accelerators are rejected; ``preferred``: under the cost
    objective the cheapest portable candidate wins if it costs at most
    ``portability_premium_percent`` more than the cheapest overall (and vendor-SDK
    lock-in counts double under the balanced objective); ``none``: no preference."""
    portability_premium_percent: float = Field(default=15.0, ge=0)
    """With ``portability: preferred``: how much more (percent) a portable candidate may
    cost than the cheapest one and still be chosen under the cost objective."""
    purchase_option: PurchaseOption = PurchaseOption.ON_DEMAND
    """``on-demand``, ``spot``, ``reserved`` or ``capacity-block`` (AWS Capacity Blocks for ML)."""
    reservation_term_years: Literal[1, 3] = 1
    """With ``purchase_option: reserved``: the commitment term priced (AWS reserved
    instances, GCP committed use discounts). ``reserved`` alone, as written before this
    field existed, means a 1-year term."""


class PriceOverride(SpecModel):
    """Your own price for one offering (a negotiated rate, or a price the catalog lacks)."""

    provider: Provider
    offering: str = Field(min_length=1)
    """The provider's name for it (``p5e.48xlarge``, ``a4-highgpu-8g``)."""
    region: str | None = None
    """Only in this region; absent: every region."""
    usd_per_hour: float = Field(gt=0)
    """Price per unit (instance, slice, server) and hour."""
    purchase_option: PurchaseOption | None = None
    """The purchase option this price is for; absent: the spec's own option."""


class PricingSpec(SpecModel):
    """Your rates: applied by the planner and the policy rules, shown as "your rate"."""

    discount_percent: dict[Provider, Annotated[float, Field(gt=0, lt=100)]] = Field(
        default_factory=dict
    )
    """Discount off every catalog price of a provider (``aws: 12``), e.g. an enterprise
    agreement; a per-offering price below wins over it."""
    offerings: list[PriceOverride] = Field(default_factory=list)
    """Prices per offering; the first matching entry wins. An offering the catalog has no
    price for becomes plannable with one."""


class BareMetalSpec(SpecModel):
    """Owned or rented servers."""

    inventory: str | None = None
    """Path (relative to the spec file) to the inventory YAML of owned servers."""
    drivers: Literal["managed", "external"] = "managed"
    """``managed``: enrollment installs or verifies the driver stack; ``external``: another
    team manages drivers and enrollment only verifies the GPUs."""

    @field_validator("inventory")
    @classmethod
    def _yaml_path(cls, value: str | None) -> str | None:
        if value is not None and not value.endswith((".yaml", ".yml")):
            raise ValueError(f"inventory must be a .yaml or .yml file, got '{value}'")
        return value


class IngressRule(SpecModel):
    """One inbound port the workload opens on purpose."""

    port: int = Field(ge=1, le=65535)
    to_port: int | None = Field(default=None, ge=1, le=65535)
    """Last port of a range; default: ``port``."""
    protocol: Literal["tcp", "udp"] = "tcp"
    cidrs: list[str] = Field(min_length=1)
    """Source networks in CIDR form; ``0.0.0.0/0`` opens the port to the internet."""
    description: str = ""

    @field_validator("cidrs")
    @classmethod
    def _cidrs(cls, value: list[str]) -> list[str]:
        for cidr in value:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError:
                raise ValueError(f"'{cidr}' is not a CIDR block (e.g. 10.0.0.0/16)") from None
        return value


class NetworkSpec(SpecModel):
    """Network exposure. Default: nothing inbound, no public IP."""

    ingress: list[IngressRule] = Field(default_factory=list)
    public_ip: bool = False
    """Give instances a public IP address (default: private only)."""


class CapacityBlockSpec(SpecModel):
    """EC2 Capacity Block for ML: use one you hold, or buy one (cannot be undone)."""

    reservation_id: str | None = Field(default=None, pattern=r"^cr-[0-9a-f]+$")
    """An existing capacity block's reservation id (``cr-...``)."""
    purchase: bool = False
    """Buy a block. A bought block cannot be deleted or refunded: opt in explicitly."""
    duration_hours: int = Field(default=24, ge=24, le=4704)
    """Block length when buying (24-hour multiples up to 182 days)."""
    start_date: dt.date | None = None
    """Earliest start when buying."""


class AwsDeploySpec(SpecModel):
    """AWS target settings. Network ids are bring-your-own; see the README."""

    subnet_ids: list[str] = Field(default_factory=list)
    vpc_id: str | None = None
    security_group_ids: list[str] = Field(default_factory=list)
    """Extra security groups; the target always creates its own with no public ingress."""
    ami_id: str | None = None
    """Explicit AMI; default: the Deep Learning / Neuron DLAMI from its public SSM parameter."""
    root_volume_gib: int | None = Field(default=None, ge=8, le=65536)
    """Root volume size; default: sized for the model plus a margin."""
    user_data: str | None = None
    capacity_reservation_id: str | None = Field(default=None, pattern=r"^cr-[0-9a-f]+$")
    """Target an On-Demand Capacity Reservation."""
    capacity_block: CapacityBlockSpec | None = None
    fleet_threshold: int = Field(default=4, ge=1, le=10000)
    """At or above this many instances, use one Auto Scaling group instead of instances."""
    egress: Literal["web", "https", "all", "none"] = "web"
    """Outbound traffic the target's security group allows: ``web`` (default: TCP 80 and 443,
    which SSM, model hubs and package mirrors need), ``https`` (TCP 443 only), ``all`` (every
    port and protocol) or ``none``. DNS and time through the VPC's resolver are not
    filtered by security groups; EFA traffic inside the group is always allowed."""
    metadata_hop_limit: int = Field(default=2, ge=1, le=2)
    """IMDSv2 hop limit: 2 (default) lets containers on the host (vLLM, Neuron containers)
    reach the instance role; 1 confines the metadata service to the host itself."""
    detailed_monitoring: bool = False
    """CloudWatch detailed monitoring (1-minute metrics, billed by CloudWatch); off by
    default, as EC2's own default."""


class GcpDeploySpec(SpecModel):
    """Google Cloud target settings."""

    project: str | None = None
    zone: str | None = None
    """Zone for TPU VMs and GPU VMs; default: chosen by the GCP target for the region."""
    network: str | None = None
    subnetwork: str | None = None
    service_account: str | None = None
    runtime_version: str | None = None
    """TPU software version; default: chosen for the generation and framework."""
    image: str | None = None
    """GPU VM boot image or family; default: a Deep Learning VM family for the framework."""
    queued: bool = False
    """Use queued provisioning (``V2QueuedResource``) for large TPU slices."""
    reservation: bool = False
    """Consume reserved capacity, as ``constraints.purchase_option: reserved`` does: TPU VMs
    set ``schedulingConfig.reserved``; GPU VMs take any matching reservation (or
    ``reservation_name``)."""
    reservation_name: str | None = Field(default=None, pattern=r"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")
    """A specific Compute Engine reservation for GPU VMs to consume (reserved capacity only)."""
    boot_disk_gib: int | None = Field(default=None, ge=10, le=65536)
    """GPU VM boot disk size; default: the image plus room for the model (docs/gcp.md)."""
    fleet_threshold: int = Field(default=4, ge=1, le=10000)
    """At or above this many GPU VMs, use one managed instance group from an instance
    template instead of separate VMs."""
    secure_boot: bool = True
    """Shielded VM Secure Boot on TPU and GPU VMs. Turn it off only for an image whose
    kernel modules (a GPU driver) are not signed."""


AZURE_SUBNET_ID_PATTERN = (
    r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Network/"
    r"virtualNetworks/[^/]+/subnets/[^/]+$"
)
AZURE_CAPACITY_GROUP_PATTERN = (
    r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Compute/"
    r"capacityReservationGroups/[^/]+$"
)
AZURE_RESERVATION_ORDER_PATTERN = r"^/providers/Microsoft\.Capacity/reservationOrders/[^/]+$"
SSH_KEY_PREFIXES = ("ssh-rsa ", "ssh-ed25519 ", "ecdsa-sha2-nistp")


class AzureDeploySpec(SpecModel):
    """Azure target settings. Network ids are bring-your-own or a new VNet; see docs/azure.md."""

    resource_group: str | None = Field(default=None, pattern=r"^[-\w.()]{1,90}$")
    """An existing resource group; default: the target creates one per workload."""
    subnet_id: str | None = Field(default=None, pattern=AZURE_SUBNET_ID_PATTERN)
    """An existing subnet (its VNet must be in the planned region); default: a new VNet."""
    vnet_address_space: str = "10.0.0.0/16"
    """Address space of the new VNet (without ``subnet_id``)."""
    subnet_prefix: str = "10.0.0.0/24"
    """Address prefix of the new VNet's subnet (without ``subnet_id``)."""
    zone: str | None = Field(default=None, pattern=r"^[1-3]$")
    """Availability zone ``1``, ``2`` or ``3``; default: none (regional)."""
    admin_username: str = Field(default="azureuser", pattern=r"^[a-z_][a-z0-9_-]{0,31}$")
    """The Linux user the SSH keys log in as."""
    ssh_public_keys: list[str] = Field(default_factory=list)
    """OpenSSH public keys for ``admin_username`` (passwords are never set); at least one
    is required, typically from stack config."""
    entra_login: bool = False
    """Also allow SSH with Microsoft Entra ID (adds the AADSSHLoginForLinux extension and a
    system-assigned identity; grant "Virtual Machine User Login" yourself)."""
    image: str | None = None
    """``publisher:offer:sku:version`` or an image / gallery image resource id; default: the
    Azure HPC/AI image for the accelerator (docs/azure.md)."""
    os_disk_gib: int | None = Field(default=None, ge=30, le=4095)
    """OS disk size; default: room for the image and the model (docs/azure.md)."""
    fleet_threshold: int = Field(default=4, ge=1, le=1000)
    """At or above this many VMs, use one VM Scale Set instead of separate VMs."""
    trusted_launch: bool | None = None
    """Trusted Launch (vTPM); default: on where the size supports it."""
    secure_boot: bool = False
    """Secure Boot under Trusted Launch. Off by default: the GPU and InfiniBand kernel
    modules of the HPC/AI images are built on the VM and not signed."""
    encryption_at_host: bool = True
    """Encrypt temp disks and disk caches on the host (register the subscription feature
    ``Microsoft.Compute/EncryptionAtHost`` once; ``aihw preflight`` checks the size)."""
    spot_eviction_policy: Literal["Deallocate", "Delete"] | None = None
    """Spot VMs on eviction; default: ``Deallocate`` for VMs, ``Delete`` in a scale set."""
    capacity_reservation_group_id: str | None = Field(
        default=None, pattern=AZURE_CAPACITY_GROUP_PATTERN
    )
    """An on-demand capacity reservation group the VMs run in (reserved capacity)."""
    reservation_order_id: str | None = Field(default=None, pattern=AZURE_RESERVATION_ORDER_PATTERN)
    """A reserved VM instance order the VMs are expected to use (Azure applies it by size
    and region; recorded as the tag ``aihw-reservation``)."""

    @field_validator("ssh_public_keys")
    @classmethod
    def _keys(cls, value: list[str]) -> list[str]:
        for key in value:
            if not key.strip().startswith(SSH_KEY_PREFIXES):
                raise ValueError(
                    f"'{key[:24]}...' is not an OpenSSH public key (ssh-ed25519 ..., ssh-rsa "
                    "..., ecdsa-sha2-nistp...): give the .pub file's content, never a private key"
                )
        return value


class DeploySpec(SpecModel):
    """Per-target deployment settings; only the chosen target's section is used."""

    aws: AwsDeploySpec = Field(default_factory=AwsDeploySpec)
    gcp: GcpDeploySpec = Field(default_factory=GcpDeploySpec)
    azure: AzureDeploySpec = Field(default_factory=AzureDeploySpec)


class Suppression(SpecModel):
    """Acknowledge a policy finding on purpose, with a reason."""

    rule: str = Field(pattern=RULE_ID_PATTERN)
    """Rule id, e.g. ``AIHW-COST-002``."""
    reason: str = Field(min_length=3)
    """Why the finding is accepted; shown in every report."""
    expires: dt.date | None = None
    """After this date the suppression is ignored (and reports say so)."""


class WorkloadSpec(SpecModel):
    """One AI workload: what it needs, what it may cost, where it may run."""

    name: Name
    """Workload name; used in resource names, tags and labels."""
    owner: str = Field(min_length=1, max_length=100)
    """Owning team or person."""
    tags: dict[str, str] = Field(default_factory=dict)
    """Extra tags/labels for every resource (GCP lower-cases them)."""
    extends: str | None = None
    """Path (relative to this file) of a platform profile whose defaults, allow-lists and
    ceilings apply."""
    phase: Phase
    """``training``, ``fine-tuning`` or ``inference``."""
    model: ModelSpec
    frameworks: list[Framework] = Field(default_factory=lambda: [Framework.PYTORCH], min_length=1)
    """Frameworks the workload needs; accelerators that do not run one natively are rejected."""
    training: TrainingSpec | None = None
    demand: DemandSpec | None = None
    pin: PinSpec | None = None
    placement: PlacementSpec = Field(default_factory=PlacementSpec)
    constraints: ConstraintsSpec = Field(default_factory=ConstraintsSpec)
    baremetal: BareMetalSpec | None = None
    network: NetworkSpec = Field(default_factory=NetworkSpec)
    deploy: DeploySpec = Field(default_factory=DeploySpec)
    exchange_rates_usd: dict[str, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    """USD per unit of another currency (``EUR: 1.08``), to compare offerings priced in it."""
    pricing: PricingSpec = Field(default_factory=PricingSpec)
    """Your negotiated rates: a discount per provider and prices per offering."""
    suppressions: list[Suppression] = Field(default_factory=list)

    _source: Any = PrivateAttr(default=None)

    @field_validator("frameworks")
    @classmethod
    def _unique(cls, value: list[Framework]) -> list[Framework]:
        if len(set(value)) != len(value):
            raise ValueError("frameworks lists a framework twice")
        return value

    @model_validator(mode="after")
    def _phase_rules(self) -> WorkloadSpec:
        if self.phase is Phase.INFERENCE:
            if self.training is not None:
                raise ValueError("'training' applies to training and fine-tuning, not inference")
            if self.demand is None and self.pin is None:
                raise ValueError(
                    "inference needs 'demand' (tokens or requests per second) or an explicit 'pin'"
                )
            if self.constraints.max_usd_total is not None:
                raise ValueError(
                    "constraints.max_usd_total applies to training runs; use "
                    "max_usd_per_month for inference"
                )
        else:
            if self.demand is not None:
                raise ValueError(
                    f"'demand' applies to inference; for {self.phase} give training.tokens_billion"
                )
            if self.training is None and self.pin is None:
                raise ValueError(
                    f"{self.phase} needs 'training' (tokens_billion, deadline_days) "
                    "or an explicit 'pin'"
                )
        cb = self.deploy.aws.capacity_block
        if cb is not None and cb.purchase and cb.reservation_id:
            raise ValueError("deploy.aws.capacity_block: give reservation_id or purchase, not both")
        if cb is not None and self.constraints.purchase_option is not PurchaseOption.CAPACITY_BLOCK:
            raise ValueError(
                "deploy.aws.capacity_block is set but constraints.purchase_option is "
                f"'{self.constraints.purchase_option}'; set it to 'capacity-block'"
            )
        if self.deploy.aws.capacity_reservation_id and (
            self.constraints.purchase_option is not PurchaseOption.RESERVED
        ):
            raise ValueError(
                "deploy.aws.capacity_reservation_id needs constraints.purchase_option 'reserved'"
            )
        return self

    @property
    def training_method(self) -> str | None:
        if self.phase is Phase.INFERENCE:
            return None
        if self.training is not None and self.training.method is not None:
            return self.training.method
        return "full" if self.phase is Phase.TRAINING else "lora"

    @property
    def source(self) -> Any:
        """Where each field came from (file and line), when loaded from YAML."""
        return self._source
