"""Stand-in ``nvidia-smi`` / ``rocm-smi`` programs printing real-format output, and a
hermetic PATH to run the enrollment scripts with them (only basic tools, no real
vendor tool can leak in)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pulumi_aihw.baremetal.scripts import script

BASIC_TOOLS = ("bash", "sed", "grep", "sort", "uniq", "paste", "head", "cut", "cat", "date",
               "id", "uname", "mkdir", "mv", "printf", "sudo", "true")  # fmt: skip

NVIDIA_FAILED = (
    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure "
    "that the latest NVIDIA driver is installed and running."
)


def nvidia_smi_output(names: list[str]) -> str:
    """``nvidia-smi --query-gpu=name --format=csv,noheader``: one name per line."""
    return "".join(f"{n}\n" for n in names)


def rocm_smi_output(series: list[str]) -> str:
    """``rocm-smi --showproductname`` as ROCm 6 prints it (tabs included)."""
    rule = "=" * 90
    lines = [
        "",
        "",
        " ROCm System Management Interface ".center(90, "="),
        " Product Info ".center(90, "="),
    ]
    for i, name in enumerate(series):
        lines += [
            f"GPU[{i}]\t\t: Card Series: \t\t{name}",
            f"GPU[{i}]\t\t: Card Model: \t\t0x74a1",
            f"GPU[{i}]\t\t: Card Vendor: \t\tAdvanced Micro Devices, Inc. [AMD/ATI]",
            f"GPU[{i}]\t\t: Card SKU: \t\tM3000100",
            f"GPU[{i}]\t\t: Subsystem ID: \t0x74a1",
            f"GPU[{i}]\t\t: Device Rev: \t\t0x00",
            f"GPU[{i}]\t\t: Node ID: \t\t{i + 2}",
            f"GPU[{i}]\t\t: GUID: \t\t{28851 + i}",
            f"GPU[{i}]\t\t: GFX Version: \t\tgfx942",
        ]
    lines += [rule, " End of ROCm SMI Log ".center(90, "=")]
    return "\n".join(lines) + "\n"


def bin_dir(tmp_path: Path) -> Path:
    """A directory with links to the basic tools only, to be the whole PATH."""
    out = tmp_path / "bin"
    out.mkdir(exist_ok=True)
    for tool in BASIC_TOOLS:
        found = shutil.which(tool)
        if found is not None and not (out / tool).exists():
            (out / tool).symlink_to(found)
    return out


def stand_in(directory: Path, tool: str, stdout: str, exit_code: int = 0) -> None:
    """A program named ``tool`` that prints ``stdout`` whatever its arguments."""
    data = directory / f"{tool}.out"
    data.write_text(stdout)
    program = directory / tool
    program.write_text(f'#!/bin/bash\ncat "{data}"\nexit {exit_code}\n')
    program.chmod(0o755)


def run_script(
    name: str, args: list[str], path: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a packaged script the way the component does: ``bash -s -- ARGS``, script on stdin."""
    s = script(name)
    return subprocess.run(
        [str(path / "bash"), "-c", s.command(args, as_root=False)],
        input=s.text,
        capture_output=True,
        text=True,
        env={"PATH": str(path), "LC_ALL": "C", **(env or {})},
        timeout=30,
        check=False,
    )
