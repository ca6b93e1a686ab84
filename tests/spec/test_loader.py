"""Loading specs from YAML: line numbers, malformed files, paths."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_aihw.errors import SpecError
from pulumi_aihw.spec import load_spec, source_of

GOOD = """
    name: chat
    owner: team-chat
    phase: inference
    model:
      name: llama-3-8b
      parameters_billion: 8
    demand:
      tokens_per_second: 500
"""


def messages(path: Path) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_spec(path)
    return [str(p) for p in info.value.problems]


def test_good_file_loads_with_source_map(write: Callable[[str, str], Path]) -> None:
    path = write("workload.yaml", GOOD)
    spec = load_spec(path)
    assert spec.name == "chat"
    smap = source_of(spec)
    assert smap.file == str(path)
    loc = smap.locate(("model", "parameters_billion"))
    assert loc is not None and loc.line == 6
    assert smap.base_dir == path.parent


def test_errors_carry_file_line_and_field(write: Callable[[str, str], Path]) -> None:
    path = write(
        "w.yaml",
        """
        name: chat
        owner: team-chat
        phase: inference
        model:
          name: m
          parameters_billion: 8
          precision: bf32
        demand:
          tokens_per_second: -5
        """,
    )
    assert messages(path) == [
        f"{path}:7: model.precision: 'bf32' is not allowed. Did you mean 'fp32'? Allowed: fp32, "
        "bf16, fp16, fp8, int8, fp4, int4.",
        f"{path}:9: demand.tokens_per_second: must be greater than 0, got -5",
    ]


def test_missing_field_points_at_its_parent(write: Callable[[str, str], Path]) -> None:
    path = write("w.yaml", GOOD.replace("      parameters_billion: 8\n", ""))
    assert messages(path) == [f"{path}:4: model.parameters_billion: required field is missing"]


def test_malformed_yaml_names_the_line(write: Callable[[str, str], Path]) -> None:
    path = write("w.yaml", "name: chat\nmodel:\n  name: [unclosed\nphase: inference\n")
    (msg,) = messages(path)
    assert msg.startswith(f"{path}:")
    assert "malformed YAML" in msg
    assert ":4:" in msg or ":3:" in msg


def test_tab_indentation_is_malformed(write: Callable[[str, str], Path]) -> None:
    path = write("w.yaml", "name: chat\nmodel:\n\tname: x\n")
    (msg,) = messages(path)
    assert msg.startswith(f"{path}:3: malformed YAML")


def test_duplicate_keys_are_errors(write: Callable[[str, str], Path]) -> None:
    path = write("w.yaml", GOOD + "    name: other\n")
    assert messages(path) == [
        f"{path}:9: name: duplicate key 'name' (first written on line 1); YAML would silently "
        "keep only the last one"
    ]


def test_empty_file(write: Callable[[str, str], Path]) -> None:
    path = write("w.yaml", "# only a comment\n")
    assert messages(path) == [f"{path}: the file is empty; expected a YAML mapping of fields"]


def test_top_level_list(write: Callable[[str, str], Path]) -> None:
    path = write("w.yaml", "- name: chat\n")
    assert messages(path) == [
        f"{path}:1: expected a YAML mapping of fields at the top level, got a list"
    ]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert messages(path) == [f"{path}: workload spec not found"]


def test_directory_instead_of_file(tmp_path: Path) -> None:
    assert messages(tmp_path) == [f"{tmp_path}: workload spec is a directory, expected a file"]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_bytes(b"name: \xff\xfe\n")
    assert messages(path) == [f"{path}: workload spec is not UTF-8 text (byte 6 cannot be decoded)"]


def test_inventory_reference_is_resolved_relative_to_the_spec(
    write: Callable[[str, str], Path],
) -> None:
    write("sub/inventory.yaml", "servers: []\n")
    path = write("sub/w.yaml", GOOD + "    baremetal:\n      inventory: inventory.yaml\n")
    assert load_spec(path).baremetal is not None
    missing = write("w2.yaml", GOOD + "    baremetal:\n      inventory: racks.yaml\n")
    (msg,) = messages(missing)
    assert msg.startswith(
        f"{missing}:10: baremetal.inventory: inventory file 'racks.yaml' not found (looked for "
    )
