"""Reading the AMI's root snapshot size (the base of the root volume formula)."""

from __future__ import annotations

from pulumi_aihw.targets.aws.image import DEFAULT_IMAGE_GIB, _snapshot_gib


def test_root_snapshot_size_of_the_root_device():
    mappings = [
        {"device_name": "/dev/sdb", "ebs": {"volume_size": "500"}},
        {"device_name": "/dev/sda1", "ebs": {"volume_size": "75"}},
    ]
    assert _snapshot_gib(mappings, "/dev/sda1") == 75.0


def test_unknown_snapshot_size_falls_back_to_a_generous_default():
    assert _snapshot_gib([], "/dev/sda1") == DEFAULT_IMAGE_GIB
    assert _snapshot_gib(None, None) == DEFAULT_IMAGE_GIB
    assert _snapshot_gib([{"device_name": "/dev/xvda", "ebs": {}}], "/dev/xvda") == 200.0
