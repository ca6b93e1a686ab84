"""The bare-metal target: enroll the planned inventory servers over SSH.

``settings`` decides (pure: servers, enrollment steps, rack power, TCO); ``secrets``
reads the SSH keys from Pulumi config secrets or the environment; ``enroll`` builds one
``command.remote.Command`` chain per server; ``component`` ties them into the
``BareMetalTarget`` component. See docs/baremetal.md.
"""
