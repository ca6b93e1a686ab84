"""Every spec rule, with good and bad inputs and the exact messages users see."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_aihw.errors import SpecError
from pulumi_aihw.spec import WorkloadSpec, spec_from_dict
from pulumi_aihw.vocab import Phase, Portability, Precision, PurchaseOption
from tests.conftest import INFERENCE, TRAINING, merged


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(SpecError) as info:
        spec_from_dict(data)
    return [f"{p.path}: {p.message}" for p in info.value.problems]


def test_minimal_inference_spec_gets_documented_defaults() -> None:
    spec = spec_from_dict(INFERENCE)
    assert spec.phase is Phase.INFERENCE
    assert spec.model.precision is Precision.BF16
    assert spec.constraints.portability is Portability.PREFERRED
    assert spec.constraints.purchase_option is PurchaseOption.ON_DEMAND
    assert spec.demand is not None and spec.demand.hours_per_day == 24
    assert spec.network.public_ip is False and spec.network.ingress == []
    assert spec.training_method is None


def test_models_are_frozen() -> None:
    spec = spec_from_dict(INFERENCE)
    with pytest.raises(Exception, match="frozen"):
        spec.name = "other"  # type: ignore[misc]


def test_training_method_defaults_by_phase() -> None:
    assert spec_from_dict(TRAINING).training_method == "full"
    assert spec_from_dict(merged(TRAINING, phase="fine-tuning")).training_method == "lora"
    lora = merged(TRAINING, training={"tokens_billion": 1, "method": "lora"})
    assert spec_from_dict(lora).training_method == "lora"


def test_requests_per_second_times_tokens_per_request() -> None:
    data = merged(INFERENCE, demand={"requests_per_second": 4, "tokens_per_request": 250})
    demand = spec_from_dict(data).demand
    assert demand is not None and demand.total_tokens_per_second == 1000


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"name": "Chat Bot"},
            "name: 'Chat Bot' is not valid: use lower-case letters, digits and "
            "dashes, starting with a letter (at most 63)",
        ),
        ({"owner": ""}, "owner: must not be empty"),
        (
            {"phase": "serving"},
            "phase: 'serving' is not allowed. Allowed: training, fine-tuning, inference.",
        ),
        ({"frameworks": ["pytorch", "pytorch"]}, "frameworks: frameworks lists a framework twice"),
        (
            {"frameworks": ["pytorch", "sglang"]},
            "frameworks[1]: 'sglang' is not allowed. Allowed: "
            "pytorch, jax, tensorflow, onnx, vllm.",
        ),
        ({"frameworks": []}, "frameworks: must list at least 1 item(s)"),
        ({"tags": ["a"]}, "tags: expected a mapping of fields, got a list"),
        (
            {"exchange_rates_usd": {"EUR": 0}},
            "exchange_rates_usd.EUR: must be greater than 0, got 0",
        ),
        ({"colour": "blue"}, "colour: unknown field 'colour'."),
    ],
)
def test_top_level_field_errors(change: dict[str, Any], expected: str) -> None:
    assert any(p.startswith(expected) for p in problems(merged(INFERENCE, **change))), problems(
        merged(INFERENCE, **change)
    )


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (
            {"name": "m", "parameters_billion": 0},
            "model.parameters_billion: must be greater than 0, got 0",
        ),
        (
            {"name": "m", "parameters_billion": "seventy"},
            "model.parameters_billion: expected a number, got 'seventy'",
        ),
        (
            {"name": "m", "parameters_billion": 8, "precision": "bf32"},
            "model.precision: 'bf32' is "
            "not allowed. Did you mean 'fp32'? Allowed: fp32, bf16, fp16, fp8, int8, fp4, int4.",
        ),
        (
            {"name": "m", "parameters_billion": 8, "context_length_tokens": 8.5},
            "model.context_length_tokens: expected a whole number, got 8.5 (a number)",
        ),
        (
            {"name": "m", "parameters_billion": 8, "context_lenght_tokens": 8},
            "model."
            "context_lenght_tokens: unknown field 'context_lenght_tokens'. Did you mean "
            "'context_length_tokens'? Allowed fields: architecture, context_length_tokens, "
            "kv_cache_precision, name, parameters_billion, precision.",
        ),
        ({"parameters_billion": 8}, "model.name: required field is missing"),
        (
            {
                "name": "m",
                "parameters_billion": 8,
                "architecture": {"layers": 0, "kv_heads": 8, "head_dim": 128},
            },
            "model.architecture.layers: must be greater than 0, got 0",
        ),
    ],
)
def test_model_errors(model: dict[str, Any], expected: str) -> None:
    assert expected in problems(merged(INFERENCE, model=model))


@pytest.mark.parametrize(
    ("demand", "expected"),
    [
        ({"tokens_per_second": -5}, "demand.tokens_per_second: must be greater than 0, got -5"),
        (
            {"tokens_per_second": 5, "hours_per_day": 25},
            "demand.hours_per_day: must be at most 24, got 25",
        ),
        (
            {},
            "demand: demand needs tokens_per_second, or requests_per_second with "
            "tokens_per_request",
        ),
        (
            {"tokens_per_second": 5, "requests_per_second": 1, "tokens_per_request": 5},
            "demand: give either tokens_per_second or requests_per_second, not both",
        ),
        (
            {"requests_per_second": 1},
            "demand: requests_per_second needs tokens_per_request",
        ),
        (
            {"tokens_per_second": 5, "prompt_tokens_per_request": 0},
            "demand.prompt_tokens_per_request: must be greater than 0, got 0",
        ),
        (
            {"tokens_per_second": 5, "max_time_per_output_token_ms": -1},
            "demand.max_time_per_output_token_ms: must be greater than 0, got -1",
        ),
    ],
)
def test_demand_errors(demand: dict[str, Any], expected: str) -> None:
    assert expected in problems(merged(INFERENCE, demand=demand))


def test_request_shape_goes_with_a_token_rate() -> None:
    """tokens_per_request (output) and prompt_tokens_per_request describe the requests of
    a tokens_per_second demand too; the objectives are optional."""
    spec = spec_from_dict(
        merged(
            INFERENCE,
            demand={
                "tokens_per_second": 500,
                "tokens_per_request": 200,
                "prompt_tokens_per_request": 1800,
                "max_time_to_first_token_ms": 500,
                "max_time_per_output_token_ms": 40,
            },
            model={"name": "m", "parameters_billion": 8, "kv_cache_precision": "fp8"},
        )
    )
    assert spec.demand is not None and spec.demand.total_tokens_per_second == 500
    assert spec.demand.prompt_tokens_per_request == 1800
    assert str(spec.model.kv_cache_precision) == "fp8"


@pytest.mark.parametrize(
    ("pin", "expected"),
    [
        (
            {"accelerator": "h100", "offering": "p5.48xlarge", "count": 8},
            "pin: pin either accelerator with count, or offering, not both",
        ),
        ({}, "pin: pin needs accelerator with count, or offering"),
        ({"accelerator": "h100"}, "pin: pin.accelerator and pin.count go together"),
        (
            {"accelerator": "h100", "count": 8, "units": 1},
            "pin: pin.units goes with pin.offering; use pin.count with an accelerator",
        ),
        ({"accelerator": "h100", "count": 0}, "pin.count: must be greater than 0, got 0"),
    ],
)
def test_pin_errors(pin: dict[str, Any], expected: str) -> None:
    assert expected in problems(merged(INFERENCE, pin=pin, demand=None))


def test_phase_cross_field_rules() -> None:
    assert (
        "inference needs 'demand' (tokens or requests per second) or an explicit 'pin'"
        in " ".join(problems(merged(INFERENCE, demand=None)))
    )
    assert ": 'training' applies to training and fine-tuning, not inference" in " ".join(
        problems(merged(INFERENCE, training={"tokens_billion": 1}))
    )
    assert ": 'demand' applies to inference; for training give training.tokens_billion" in " ".join(
        problems(merged(TRAINING, demand={"tokens_per_second": 1}))
    )
    assert ": training needs 'training' (tokens_billion, deadline_days) or an explicit 'pin'" in (
        " ".join(problems(merged(TRAINING, training=None)))
    )
    assert "constraints.max_usd_total applies to training runs" in " ".join(
        problems(merged(INFERENCE, constraints={"max_usd_total": 5}))
    )


def test_training_field_errors() -> None:
    got = problems(merged(TRAINING, training={"tokens_billion": 1, "method": "qlora"}))
    assert (
        "training.method: 'qlora' is not allowed. Did you mean 'lora'? Allowed: full, lora." in got
    )
    got = problems(merged(TRAINING, training={"tokens_billion": 1, "deadline_days": -1}))
    assert "training.deadline_days: must be greater than 0, got -1" in got


def test_constraints_errors() -> None:
    got = problems(merged(INFERENCE, constraints={"portability": "maybe"}))
    assert (
        "constraints.portability: 'maybe' is not allowed. Allowed: required, preferred, none."
        in got
    )
    got = problems(merged(INFERENCE, constraints={"purchase_option": "spto"}))
    assert (
        "constraints.purchase_option: 'spto' is not allowed. Did you mean 'spot'? Allowed: "
        "on-demand, spot, reserved, capacity-block."
    ) in got
    got = problems(merged(INFERENCE, constraints={"max_power_kw": -2}))
    assert "constraints.max_power_kw: must be greater than 0, got -2" in got


def test_placement_errors() -> None:
    got = problems(merged(INFERENCE, placement={"providers": ["aws", "oracle"]}))
    assert (
        "placement.providers[1]: 'oracle' is not allowed. "
        "Allowed: aws, gcp, azure, hetzner, qubrid, hotaisle, owned." in got
    )
    got = problems(merged(INFERENCE, placement={"deployments": ["on-prem"]}))
    assert "placement.deployments[0]: 'on-prem' is not allowed. Allowed: cloud, bare-metal." in got


def test_network_rules() -> None:
    ok = merged(INFERENCE, network={"ingress": [{"port": 8000, "cidrs": ["10.0.0.0/8"]}]})
    assert spec_from_dict(ok).network.ingress[0].protocol == "tcp"
    got = problems(merged(INFERENCE, network={"ingress": [{"port": 8000, "cidrs": ["10.0.0/33"]}]}))
    assert (
        "network.ingress[0].cidrs: Value error, '10.0.0/33' is not a CIDR block (e.g. "
        "10.0.0.0/16)" not in got
    )  # no pydantic prefix leaks into messages
    assert "network.ingress[0].cidrs: '10.0.0/33' is not a CIDR block (e.g. 10.0.0.0/16)" in got
    got = problems(
        merged(INFERENCE, network={"ingress": [{"port": 70000, "cidrs": ["10.0.0.0/8"]}]})
    )
    assert "network.ingress[0].port: must be at most 65535, got 70000" in got
    got = problems(merged(INFERENCE, network={"ingress": [{"port": 22, "cidrs": []}]}))
    assert "network.ingress[0].cidrs: must list at least 1 item(s)" in got


def test_deploy_purchase_consistency() -> None:
    block = {"aws": {"capacity_block": {"reservation_id": "cr-0abc"}}}
    got = problems(merged(INFERENCE, deploy=block))
    assert (
        ": deploy.aws.capacity_block is set but constraints.purchase_option is 'on-demand'; set "
        "it to 'capacity-block'" in " ".join(got)
    )
    both = {"aws": {"capacity_block": {"reservation_id": "cr-0abc", "purchase": True}}}
    got = problems(
        merged(INFERENCE, deploy=both, constraints={"purchase_option": "capacity-block"})
    )
    assert any("give reservation_id or purchase, not both" in p for p in got)
    got = problems(merged(INFERENCE, deploy={"aws": {"capacity_reservation_id": "cr-0abc"}}))
    assert any(
        "capacity_reservation_id needs constraints.purchase_option 'reserved'" in p for p in got
    )
    got = problems(merged(INFERENCE, deploy={"aws": {"capacity_reservation_id": "r-1"}}))
    assert (
        "deploy.aws.capacity_reservation_id: 'r-1' is not valid: use a reservation id such as "
        "cr-0123456789abcdef0" in got
    )


def test_suppression_rules() -> None:
    good = merged(
        INFERENCE,
        suppressions=[{"rule": "AIHW-COST-002", "reason": "batch job", "expires": "2027-01-31"}],
    )
    assert spec_from_dict(good).suppressions[0].expires is not None
    got = problems(merged(INFERENCE, suppressions=[{"rule": "cost-002", "reason": "x y z"}]))
    assert (
        "suppressions[0].rule: 'cost-002' is not valid: use a rule id such as AIHW-COST-001" in got
    )
    got = problems(merged(INFERENCE, suppressions=[{"rule": "AIHW-COST-002"}]))
    assert "suppressions[0].reason: required field is missing" in got
    got = problems(
        merged(
            INFERENCE, suppressions=[{"rule": "AIHW-COST-002", "reason": "ok", "expires": "soon"}]
        )
    )
    assert "suppressions[0].expires: expected a date (YYYY-MM-DD), got 'soon'" in got


def test_baremetal_inventory_reference_must_be_yaml() -> None:
    got = problems(merged(INFERENCE, baremetal={"inventory": "servers.json"}))
    assert "baremetal.inventory: inventory must be a .yaml or .yml file, got 'servers.json'" in got
    got = problems(merged(INFERENCE, baremetal={"drivers": "vendor"}))
    assert "baremetal.drivers: 'vendor' is not allowed. Allowed: managed, external." in got


def test_every_problem_is_reported_at_once() -> None:
    bad = merged(
        INFERENCE, phase="serving", owner="", model={"name": "m", "parameters_billion": -1}
    )
    assert len(problems(bad)) == 3


def test_spec_model_has_docs_for_every_field() -> None:
    def walk(model: type) -> list[str]:
        missing = []
        for name, field in model.model_fields.items():  # type: ignore[attr-defined]
            if not field.description:
                ann = field.annotation
                # nested models document themselves through their class docstring
                inner = [a for a in getattr(ann, "__args__", (ann,)) if isinstance(a, type)]
                if not any(hasattr(a, "model_fields") and a.__doc__ for a in inner):
                    missing.append(f"{model.__name__}.{name}")
        return missing

    documented_elsewhere = {
        "ModelSpec.name",
        "IngressRule.protocol",
        "IngressRule.description",
        "AwsDeploySpec.subnet_ids",
        "AwsDeploySpec.vpc_id",
        "AwsDeploySpec.user_data",
        "GcpDeploySpec.project",
        "GcpDeploySpec.network",
        "GcpDeploySpec.subnetwork",
        "GcpDeploySpec.service_account",
        "IngressRule.port",
    }
    import pulumi_aihw.spec.models as m
    from pulumi_aihw.spec.docstrings import attach_field_docs

    attach_field_docs(m.WorkloadSpec)  # what schema and docs generation do first
    missing = []
    for cls in (
        m.WorkloadSpec,
        m.ModelSpec,
        m.DemandSpec,
        m.TrainingSpec,
        m.PinSpec,
        m.PlacementSpec,
        m.ConstraintsSpec,
        m.NetworkSpec,
        m.IngressRule,
        m.AwsDeploySpec,
        m.GcpDeploySpec,
        m.AzureDeploySpec,
        m.Suppression,
    ):
        missing += walk(cls)
    assert set(missing) <= documented_elsewhere, sorted(set(missing) - documented_elsewhere)


def test_spec_built_directly_in_python() -> None:
    spec = WorkloadSpec.model_validate(INFERENCE)
    assert spec.source is None
    assert spec.name == "chat"
