"""--shard K/N: a deterministic share; every stack in exactly one shard."""

from __future__ import annotations

import pytest

from pulumi_aihw.check.models import Shard
from pulumi_aihw.check.shards import parse_shard, select, shard_of
from pulumi_aihw.errors import ConfigError

PATHS = [f"stacks/team-{n:03d}" for n in range(100)]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7])
def test_shards_cover_every_stack_exactly_once(count: int):
    shares = [select(PATHS, Shard(k, count), str) for k in range(1, count + 1)]
    assert sorted(p for share in shares for p in share) == sorted(PATHS)
    assert all(share == sorted(share) for share in shares)  # the order given is kept
    if count > 1:
        assert all(share for share in shares)  # 100 stacks: no shard is empty


def test_a_stacks_shard_depends_on_its_path_only():
    assert [shard_of(p, 4) for p in PATHS] == [shard_of(p, 4) for p in PATHS]
    before = {p: shard_of(p, 4) for p in PATHS}
    more = [*PATHS, "stacks/new"]
    assert all(shard_of(p, 4) == before[p] for p in more[:-1])  # adding a stack moves none
    assert select(PATHS, None, str) == PATHS


@pytest.mark.parametrize("text", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2", "1/1001", ""])
def test_bad_shards_are_clear_errors(text: str):
    with pytest.raises(ConfigError, match=r"--shard: .* is not K/N"):
        parse_shard(text)


def test_good_shards():
    assert parse_shard("2/4") == Shard(2, 4) and str(parse_shard(" 1 / 1 ")) == "1/1"
