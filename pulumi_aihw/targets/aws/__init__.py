"""The AWS target: GPU (p6/p5/p4/g6e/g6/g5/g4dn), Inferentia and Trainium instances.

``settings`` decides (pure); ``iam``, ``network``, ``image``, ``capacity``,
``launch_template`` and ``compute`` build one concern each; ``component`` ties
them into the ``AwsTarget`` component. See docs/aws.md.
"""
