"""What the AWS target decides from a spec and its plan (pure: no Pulumi engine)."""

from __future__ import annotations

import base64

import pytest

from pulumi_aihw.errors import SpecError
from pulumi_aihw.targets.aws.ami import DLAMI_NVIDIA_X86, NEURON_DLAMI
from pulumi_aihw.targets.aws.args import AwsTargetArgs
from pulumi_aihw.targets.aws.settings import (
    GP3_MAX_GIB,
    aws_target_args,
    market_options,
    partition_of,
    root_volume_gib,
)
from pulumi_aihw.targets.resolve import resolve_workload
from tests.specs import deploy_aws, gpu_inference, inf2_inference, pinned, spec

TAGS = {"aihw-workload": "chat"}


def args_for(data: dict) -> AwsTargetArgs:
    r = resolve_workload("t", spec=data)
    return aws_target_args(r.spec, r.chosen, TAGS)


def test_gpu_inference_uses_the_nvidia_dlami_and_instances():
    a = args_for(gpu_inference())
    assert (a.instance_type, a.units, a.region) == ("g6e.xlarge", 2, "us-east-1")
    assert a.ami_parameter == DLAMI_NVIDIA_X86 and a.ami_id is None
    assert not a.fleet and not a.efa and not a.placement_group
    assert a.market.kind == "on-demand"
    assert a.model_copies == 2
    assert a.model_weights_gib == pytest.approx(8e9 * 2 / 1024**3)


def test_inf2_uses_the_neuron_dlami():
    a = args_for(inf2_inference())
    assert a.instance_type == "inf2.xlarge"
    assert a.ami_parameter == NEURON_DLAMI


def test_explicit_ami_wins():
    a = args_for(gpu_inference(deploy=deploy_aws(ami_id="ami-0123456789abcdef0")))
    assert a.ami_id == "ami-0123456789abcdef0" and a.ami_parameter is None


@pytest.mark.parametrize(
    ("offering", "words"),
    [("inf1.xlarge", ["Inf1", "inf2"]), ("dl1.24xlarge", ["Gaudi", "p4d.24xlarge"])],
)
def test_accelerators_without_a_default_ami_need_ami_id(offering, words):
    small = {"name": "small", "parameters_billion": 1}
    data = pinned(offering, 1, frameworks=["pytorch"], model=small)
    with pytest.raises(SpecError) as err:
        args_for(data)
    text = str(err.value)
    assert "deploy.aws.ami_id" in text and all(w in text for w in words)
    data["deploy"] = deploy_aws(ami_id="ami-0abc")
    assert args_for(data).ami_id == "ami-0abc"


def test_multi_node_training_gets_efa_on_every_card_and_a_placement_group():
    a = args_for(pinned("trn1.32xlarge", 2, phase="training"))
    assert a.placement_group
    layout = [(n.network_card_index, n.device_index, n.interface_type) for n in a.efa_interfaces]
    assert layout == [(0, 1, "efa-only")] + [(c, 0, "efa-only") for c in range(1, 8)]
    assert a.model_copies == 3  # full training keeps a local checkpoint too


def test_p6_b300_efa_starts_on_card_one():
    a = args_for(
        pinned(
            "p6-b300.48xlarge",
            2,
            phase="training",
            deploy=deploy_aws(ami_id="ami-1"),
            placement={"providers": ["aws"], "regions": ["us-west-2"]},
        )
    )
    assert [n.network_card_index for n in a.efa_interfaces] == list(range(1, 17))
    assert all(n.device_index == 0 for n in a.efa_interfaces)


def test_no_efa_for_inference_or_a_single_node():
    assert not args_for(pinned("p5.48xlarge", 2)).efa  # inference
    assert not args_for(pinned("p5.48xlarge", 1, phase="training")).efa


def test_training_on_a_multi_node_type_without_known_efa_warns():
    # dl1.24xlarge is multi-node in the catalog, but EC2's data (moto) has no EFA layout for it
    data = pinned(
        "dl1.24xlarge",
        2,
        phase="training",
        frameworks=["pytorch"],
        deploy=deploy_aws(ami_id="ami-1"),
    )
    a = args_for(data)
    assert not a.efa and not a.placement_group
    assert any("without EFA" in w for w in a.warnings)


def test_efa_keeps_one_subnet():
    a = args_for(
        pinned(
            "trn1.32xlarge",
            2,
            phase="training",
            deploy=deploy_aws(vpc_id="vpc-1", subnet_ids=["subnet-a", "subnet-b"]),
        )
    )
    assert a.subnet_ids == ("subnet-a",)


def test_fleet_at_the_threshold():
    assert not args_for(pinned("g6.xlarge", 3)).fleet
    assert args_for(pinned("g6.xlarge", 4)).fleet
    assert args_for(pinned("g6.xlarge", 3, deploy=deploy_aws(fleet_threshold=3))).fleet


def test_byo_subnets_need_their_vpc_and_the_other_way_round():
    with pytest.raises(SpecError, match=r"deploy\.aws\.vpc_id is required with subnet_ids"):
        args_for(gpu_inference(deploy=deploy_aws(subnet_ids=["subnet-a"])))
    with pytest.raises(SpecError, match=r"subnet_ids is required with vpc_id"):
        args_for(gpu_inference(deploy=deploy_aws(vpc_id="vpc-1")))
    a = args_for(gpu_inference(deploy=deploy_aws(vpc_id="vpc-1", subnet_ids=["s-a", "s-b"])))
    assert (a.vpc_id, a.subnet_ids) == ("vpc-1", ("s-a", "s-b"))


def test_spot_and_reserved_market_options():
    assert args_for(gpu_inference(constraints={"purchase_option": "spot"})).market.kind == "spot"
    open_ = args_for(pinned("g6e.xlarge", 1, constraints={"purchase_option": "reserved"}))
    assert (open_.market.kind, open_.market.capacity_reservation_id) == ("reserved", None)
    held = args_for(
        pinned(
            "g6e.xlarge",
            1,
            constraints={"purchase_option": "reserved"},
            deploy=deploy_aws(
                capacity_reservation_id="cr-0123456789abcdef0", vpc_id="vpc-1", subnet_ids=["s"]
            ),
        )
    )
    assert held.market.capacity_reservation_id == "cr-0123456789abcdef0"


def test_a_reservation_needs_subnets_in_its_zone():
    data = pinned(
        "g6e.xlarge",
        1,
        constraints={"purchase_option": "reserved"},
        deploy=deploy_aws(capacity_reservation_id="cr-0123456789abcdef0"),
    )
    with pytest.raises(SpecError, match="Availability Zone"):
        args_for(data)


def block(**cb):
    return pinned(
        "p4d.24xlarge",
        2,
        phase="training",
        constraints={"purchase_option": "capacity-block"},
        deploy=deploy_aws(capacity_block=cb, vpc_id="vpc-1", subnet_ids=["subnet-a"]),
    )


def test_held_capacity_block_skips_the_placement_group():
    a = args_for(block(reservation_id="cr-0abc"))
    assert a.market.kind == "capacity-block"
    assert a.market.capacity_reservation_id == "cr-0abc" and a.market.purchase is None
    assert a.efa and not a.placement_group


def test_buying_a_block_sets_the_search_window():
    a = args_for(block(purchase=True, duration_hours=48, start_date="2026-11-02"))
    buy = a.market.purchase
    assert buy is not None
    assert (buy.instance_count, buy.duration_hours) == (2, 48)
    assert buy.start_date_range == "2026-11-02T00:00:00Z"
    assert buy.end_date_range == "2026-11-11T00:00:00Z"  # + 48 h + 7 days


def test_buying_needs_a_start_date_and_a_capacity_block_section():
    with pytest.raises(SpecError, match="start_date"):
        args_for(block(purchase=True))
    with pytest.raises(SpecError, match=r"reservation_id .* or purchase: true"):
        args_for(block())
    data = pinned("p4d.24xlarge", 2, constraints={"purchase_option": "capacity-block"})
    with pytest.raises(SpecError, match=r"needs deploy\.aws\.capacity_block"):
        args_for(data)


def _offering(name: str):
    from pulumi_aihw.catalog import load_catalog

    return load_catalog().find(provider="aws", offering=name)[0]


def test_capacity_blocks_only_for_types_sold_as_blocks():
    r = resolve_workload("t", spec=block(reservation_id="cr-0abc"))
    with pytest.raises(SpecError, match=r"g6e\.xlarge is not sold as an EC2 Capacity Block"):
        market_options(r.spec, _offering("g6e.xlarge"), 2)


def test_a_block_holds_at_most_64_instances():
    r = resolve_workload("t", spec=block(purchase=True, start_date="2026-11-02"))
    with pytest.raises(SpecError, match="at most 64"):
        market_options(r.spec, _offering("p4d.24xlarge"), 65)


def test_root_volume_formula():
    # ceil_10(100 + 2 x 14.9 x 1.2) = 140
    assert root_volume_gib(100, 8e9 * 2 / 1024**3, 2) == 140
    assert root_volume_gib(75, 0.1, 2) == 80
    assert root_volume_gib(100, 10_000, 3) == GP3_MAX_GIB  # capped


def test_explicit_root_volume_and_its_limit():
    assert args_for(gpu_inference(deploy=deploy_aws(root_volume_gib=500))).root_volume_gib == 500
    with pytest.raises(SpecError, match="gp3"):
        args_for(gpu_inference(deploy=deploy_aws(root_volume_gib=20000)))


def test_user_data_is_base64_and_network_settings_pass_through():
    data = gpu_inference(
        deploy=deploy_aws(user_data="#!/bin/bash\necho hi\n"),
        network={"public_ip": True, "ingress": [{"port": 8000, "cidrs": ["10.0.0.0/8"]}]},
    )
    a = args_for(data)
    assert base64.b64decode(a.user_data_base64 or "").decode() == "#!/bin/bash\necho hi\n"
    assert a.public_ip and a.ingress[0].port == 8000
    assert a.tags == TAGS


def test_partitions():
    assert partition_of("us-east-1") == "aws"
    assert partition_of("cn-north-1") == "aws-cn"
    assert partition_of("us-gov-west-1") == "aws-us-gov"


def test_located_errors_name_the_spec_field(tmp_path):
    path = tmp_path / "workload.yaml"
    path.write_text(
        "name: chat\nowner: me\nphase: inference\n"
        "model: {name: m, parameters_billion: 8}\n"
        "demand: {tokens_per_second: 100}\n"
        "placement: {providers: [aws], regions: [us-east-1]}\n"
        "deploy:\n  aws:\n    subnet_ids: [subnet-a]\n"
    )
    r = resolve_workload("t", spec_file=path)
    with pytest.raises(SpecError) as err:
        aws_target_args(r.spec, r.chosen, TAGS)
    problem = err.value.problems[0]
    assert problem.file == str(path) and problem.line == 8
    assert problem.path == "deploy.aws.vpc_id"


def test_spec_helper_is_plain_data():
    assert spec()["placement"]["providers"] == ["aws"]
