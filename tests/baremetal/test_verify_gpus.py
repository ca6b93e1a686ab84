"""The verify step, run locally against stand-in nvidia-smi / rocm-smi programs that print
real-format output: a match, a count mismatch, a model mismatch, a missing tool."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_aihw.baremetal.gpu_names import name_pattern
from pulumi_aihw.catalog import load_catalog
from tests.baremetal.stand_ins import (
    NVIDIA_FAILED,
    bin_dir,
    nvidia_smi_output,
    rocm_smi_output,
    run_script,
    stand_in,
)

H100 = "NVIDIA H100 80GB HBM3"  # what nvidia-smi calls an H100 SXM5
MI300X = "AMD Instinct MI300X OAM"


def pattern(model: str) -> str:
    return name_pattern(load_catalog().accelerator(model))


def verify(tmp_path: Path, vendor: str, count: int, model: str, server: str = "gpu-01"):  # type: ignore[no-untyped-def]
    return run_script(
        "verify-gpus", [server, vendor, str(count), model, pattern(model)], bin_dir(tmp_path)
    )


def test_nvidia_match_prints_what_was_found(tmp_path: Path) -> None:
    stand_in(bin_dir(tmp_path), "nvidia-smi", nvidia_smi_output([H100] * 8))
    out = verify(tmp_path, "nvidia", 8, "h100-sxm", "gpu-h100-01")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {
        "server": "gpu-h100-01",
        "vendor": "nvidia",
        "model": "h100-sxm",
        "count": 8,
        "gpus": [H100] * 8,
    }


def test_nvidia_count_mismatch_names_the_server_and_the_difference(tmp_path: Path) -> None:
    stand_in(bin_dir(tmp_path), "nvidia-smi", nvidia_smi_output([H100] * 7))
    out = verify(tmp_path, "nvidia", 8, "h100-sxm", "gpu-h100-01")
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == (
        f"aihw-verify: gpu-h100-01: expected 8 x h100-sxm, found 7 GPUs: {H100} x7\n"
    )


def test_nvidia_model_mismatch_names_the_other_model(tmp_path: Path) -> None:
    stand_in(bin_dir(tmp_path), "nvidia-smi", nvidia_smi_output(["NVIDIA H100 PCIe"] * 8))
    out = verify(tmp_path, "nvidia", 8, "h100-sxm", "gpu-h100-01")
    assert out.returncode == 1
    assert out.stderr == (
        "aihw-verify: gpu-h100-01: expected model h100-sxm, found 8 of another model: "
        "NVIDIA H100 PCIe x8\n"
    )


def test_both_differences_at_once(tmp_path: Path) -> None:
    names = ["NVIDIA L40S"] * 3 + ["NVIDIA L4"] * 2  # "L4" must not pass for "L40S"
    stand_in(bin_dir(tmp_path), "nvidia-smi", nvidia_smi_output(names))
    out = verify(tmp_path, "nvidia", 4, "l40s", "gpu-l40s-01")
    assert out.returncode == 1
    assert out.stderr == (
        "aihw-verify: gpu-l40s-01: expected 4 x l40s, found 5 GPUs: NVIDIA L4 x2, NVIDIA L40S x3; "
        "expected model l40s, found 2 of another model: NVIDIA L4 x2\n"
    )


def test_missing_tool_and_a_driver_that_is_not_loaded(tmp_path: Path) -> None:
    out = verify(tmp_path, "nvidia", 8, "h100-sxm", "gpu-h100-01")
    assert out.returncode == 2
    assert out.stderr == (
        "aihw-verify: gpu-h100-01: nvidia-smi not found: the NVIDIA driver is not installed\n"
    )
    stand_in(bin_dir(tmp_path), "nvidia-smi", NVIDIA_FAILED + "\n", exit_code=9)
    out = verify(tmp_path, "nvidia", 8, "h100-sxm", "gpu-h100-01")
    assert out.returncode == 2
    assert out.stderr == f"aihw-verify: gpu-h100-01: nvidia-smi failed: {NVIDIA_FAILED}\n"


def test_amd_match_and_mismatches(tmp_path: Path) -> None:
    stand_in(bin_dir(tmp_path), "rocm-smi", rocm_smi_output([MI300X] * 8))
    out = verify(tmp_path, "amd", 8, "mi300x", "gpu-mi300-01")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["gpus"] == [MI300X] * 8
    out = verify(tmp_path, "amd", 4, "mi300x", "gpu-mi300-01")
    assert out.returncode == 1
    assert out.stderr == (
        f"aihw-verify: gpu-mi300-01: expected 4 x mi300x, found 8 GPUs: {MI300X} x8\n"
    )
    stand_in(bin_dir(tmp_path), "rocm-smi", rocm_smi_output(["AMD Instinct MI250X"] * 8))
    out = verify(tmp_path, "amd", 8, "mi300x", "gpu-mi300-01")
    assert out.returncode == 1
    assert "found 8 of another model: AMD Instinct MI250X x8" in out.stderr


def test_amd_missing_tool(tmp_path: Path) -> None:
    out = verify(tmp_path, "amd", 8, "mi300x", "gpu-mi300-01")
    assert out.returncode == 2
    assert out.stderr == "aihw-verify: gpu-mi300-01: rocm-smi not found: ROCm is not installed\n"


@pytest.mark.parametrize(
    ("model", "reported", "matches"),
    [
        ("h100-sxm", "NVIDIA H100 80GB HBM3", True),
        ("h100-sxm", "NVIDIA H100 PCIe", False),
        ("h100-pcie", "NVIDIA H100 PCIe", True),
        ("l4", "NVIDIA L4", True),
        ("l4", "NVIDIA L40S", False),
        ("a100-80gb", "NVIDIA A100-SXM4-80GB", True),
        ("a100-80gb", "NVIDIA A100-SXM4-40GB", False),
        ("t4", "Tesla T4", True),
        ("b200", "NVIDIA B200", True),
    ],
)
def test_name_patterns_tell_close_models_apart(model: str, reported: str, matches: bool) -> None:
    import re

    assert bool(re.search(pattern(model), reported, re.IGNORECASE)) is matches
