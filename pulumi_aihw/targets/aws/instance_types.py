"""EC2 facts the AWS target needs per instance type: EFA network cards and
Capacity Block support. Pure data, no Pulumi.

Source: ``DescribeInstanceTypes`` (``NetworkInfo.NetworkCards[].InterfaceTypes``
and ``SupportedUsageClasses``), as bundled by moto 5.2; the test
``tests/targets/aws/test_instance_types.py`` checks every row against it. Types
not listed here have no EFA layout: multi-node jobs on them run without EFA.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InstanceFacts:
    efa_first_card: int = 0
    """First network card that carries an EFA (p6-b300's card 0 is ENA only)."""
    efa_cards: int = 0
    """How many consecutive network cards carry an EFA (0: no EFA)."""
    capacity_blocks: bool = False
    """Sold as EC2 Capacity Blocks for ML (``SupportedUsageClasses`` has ``capacity-block``)."""

    @property
    def efa_card_indexes(self) -> tuple[int, ...]:
        return tuple(range(self.efa_first_card, self.efa_first_card + self.efa_cards))


def _efa(cards: int, first: int = 0, blocks: bool = False) -> InstanceFacts:
    return InstanceFacts(efa_first_card=first, efa_cards=cards, capacity_blocks=blocks)


_PLAIN = InstanceFacts()

INSTANCE_FACTS: dict[str, InstanceFacts] = {
    # NVIDIA GPU instances
    "p6-b300.48xlarge": _efa(16, first=1, blocks=True),
    "p6-b200.48xlarge": _efa(8, blocks=True),
    "p5en.48xlarge": _efa(16, blocks=True),
    "p5e.48xlarge": _efa(32, blocks=True),
    "p5.48xlarge": _efa(32, blocks=True),
    "p5.4xlarge": _efa(1, blocks=True),
    "p4de.24xlarge": _efa(4, blocks=True),
    "p4d.24xlarge": _efa(4, blocks=True),
    "g6e.48xlarge": _efa(4),
    "g6e.24xlarge": _efa(2),
    "g6e.16xlarge": _efa(1),
    "g6e.12xlarge": _efa(1),
    "g6e.8xlarge": _efa(1),
    "g6e.4xlarge": _PLAIN,
    "g6e.xlarge": _PLAIN,
    "g6.xlarge": _PLAIN,
    "g6f.2xlarge": _PLAIN,
    "g5.48xlarge": _efa(1),
    "g5.24xlarge": _efa(1),
    "g5.4xlarge": _PLAIN,
    "g5.xlarge": _PLAIN,
    "g4dn.metal": _efa(1),
    "g4dn.xlarge": _PLAIN,
    # AWS Neuron instances
    "inf1.24xlarge": _efa(1),
    "inf1.2xlarge": _PLAIN,
    "inf1.xlarge": _PLAIN,
    "inf2.48xlarge": _PLAIN,
    "inf2.24xlarge": _PLAIN,
    "inf2.8xlarge": _PLAIN,
    "inf2.xlarge": _PLAIN,
    "trn1.32xlarge": _efa(8, blocks=True),
    "trn1.2xlarge": _PLAIN,
    "trn1n.32xlarge": _efa(16),
    "trn2.48xlarge": _efa(16, blocks=True),
    "trn2.3xlarge": _efa(1, blocks=True),
}
"""Every AWS offering in the packaged catalog except dl1.24xlarge, which
DescribeInstanceTypes (as bundled by moto) does not know."""


def instance_facts(instance_type: str) -> InstanceFacts:
    """The facts for ``instance_type``; an unlisted type has no EFA and no Capacity Blocks."""
    return INSTANCE_FACTS.get(instance_type, _PLAIN)
