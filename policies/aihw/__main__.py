"""The aihw CrossGuard policy pack: `pulumi preview --policy-pack policies/aihw`.

Only builds the PolicyPack from pulumi-aihw's rules (pulumi_aihw.crossguard); every rule
lives in the package, where it is tested.
"""

from pulumi_policy import EnforcementLevel, PolicyPack

from pulumi_aihw.crossguard import PACK_DESCRIPTION, PACK_NAME, policies

PolicyPack(
    name=PACK_NAME,
    description=PACK_DESCRIPTION,
    enforcement_level=EnforcementLevel.ADVISORY,
    policies=policies(),
)
