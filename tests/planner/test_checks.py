"""Spec rules that need the catalog: unknown names, contradictions (exit-2 errors)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_aihw.catalog import Catalog
from pulumi_aihw.errors import SpecError
from pulumi_aihw.planner import check_spec, plan
from pulumi_aihw.spec import WorkloadSpec, load_spec
from tests.conftest import TRAINING

MakeSpec = Callable[..., WorkloadSpec]


def problems(spec: WorkloadSpec, catalog: Catalog) -> list[str]:
    with pytest.raises(SpecError) as info:
        plan(spec, catalog)
    return [f"{p.path}: {p.message}" for p in info.value.problems]


def test_unknown_pinned_accelerator_suggests_names(catalog: Catalog, make_spec: MakeSpec) -> None:
    got = problems(make_spec(pin={"accelerator": "a100", "count": 8}, demand=None), catalog)
    assert got[0].startswith(
        "pin.accelerator: unknown accelerator 'a100'. Did you mean 'a100-40gb', 'a100-80gb' or "
    )
    assert "Known accelerators: " in got[0]


def test_unknown_offering_suggests_names(catalog: Catalog, make_spec: MakeSpec) -> None:
    got = problems(make_spec(pin={"offering": "p5.48xl"}, demand=None), catalog)
    assert got == [
        "pin.offering: unknown offering 'p5.48xl'. Did you mean 'p5.48xlarge', "
        "'p5e.48xlarge' or 'p5.4xlarge'? `aihw catalog` lists every offering."
    ]


def test_unknown_names_in_placement_lists(catalog: Catalog, make_spec: MakeSpec) -> None:
    got = problems(
        make_spec(
            placement={"accelerators": ["l40", "h100"], "offerings": ["g6e.xlarge", "g6e.xlrage"]}
        ),
        catalog,
    )
    assert got[0].startswith(
        "placement.accelerators[0]: unknown accelerator 'l40'. Did you mean 'l40s'"
    )
    assert got[1] == (
        "placement.offerings[1]: unknown offering 'g6e.xlrage'. Did you mean "
        "'g6e.xlarge', 'g6e.8xlarge' or 'g6e.4xlarge'? `aihw catalog` lists every offering."
    )


def test_training_on_an_inference_only_chip_is_contradictory(
    catalog: Catalog, make_spec: MakeSpec
) -> None:
    spec = make_spec(TRAINING, pin={"accelerator": "inf2", "count": 12}, frameworks=["pytorch"])
    assert problems(spec, catalog) == [
        "pin.accelerator: contradictory settings: phase is training but the pinned AWS "
        "Inferentia2 is inference-only. To fix: pin a training accelerator (e.g. trainium, "
        "h100-sxm, tpu-v5p) or set phase: inference"
    ]
    by_offering = make_spec(TRAINING, pin={"offering": "inf2.48xlarge"}, frameworks=["pytorch"])
    assert problems(by_offering, catalog)[0].startswith(
        "pin.offering: contradictory settings: phase is training"
    )


def test_pinned_chip_without_a_needed_framework(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(pin={"offering": "v6e-8"}, demand=None, frameworks=["onnx"])
    assert problems(spec, catalog) == [
        "pin.offering: contradictory settings: frameworks onnx are not native on the pinned "
        "Google TPU v6e (Trillium) (it runs jax, pytorch, tensorflow, vllm)"
    ]


def test_pin_from_a_provider_the_spec_excludes(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(pin={"offering": "p5.48xlarge"}, demand=None, placement={"providers": ["gcp"]})
    assert problems(spec, catalog) == [
        "pin.offering: contradictory settings: p5.48xlarge is a aws offering but "
        "placement.providers allows only gcp"
    ]


def test_placement_that_allows_nothing(catalog: Catalog, make_spec: MakeSpec) -> None:
    spec = make_spec(placement={"providers": ["aws"], "deployments": ["bare-metal"]})
    assert problems(spec, catalog) == [
        "placement: contradictory settings: providers aws sell no bare-metal offerings"
    ]
    block = make_spec(
        placement={"providers": ["gcp"]}, constraints={"purchase_option": "capacity-block"}
    )
    assert problems(block, catalog) == [
        "constraints.purchase_option: contradictory settings: capacity-block is an AWS purchase "
        "option but placement.providers is gcp"
    ]


def test_unknown_region_is_a_notice_not_an_error(catalog: Catalog, make_spec: MakeSpec) -> None:
    notices = check_spec(make_spec(placement={"regions": ["xx-nowhere-1"]}), catalog)
    assert notices[0].startswith("region xx-nowhere-1 has no offerings in the catalog")


def test_check_errors_point_at_the_spec_file(
    catalog: Catalog, write: Callable[[str, str], Path]
) -> None:
    path = write(
        "w.yaml",
        """
        name: chat
        owner: t
        phase: inference
        model: {name: m, parameters_billion: 8}
        pin:
          accelerator: h10O
          count: 8
    """,
    )
    with pytest.raises(SpecError) as info:
        plan(load_spec(path), catalog)
    assert str(info.value).startswith(f"{path}:6: pin.accelerator: unknown accelerator 'h10O'.")
