"""Local fakes of the cloud APIs preflight and catalog refresh talk to.

Each fake is a stdlib ``http.server`` on 127.0.0.1 with port 0, started and shut
down by the test that uses it (``with FakeX() as fake:``). The real SDKs (boto3,
google-cloud-tpu) talk to them over HTTP, so retries, timeouts and error parsing
are the SDKs' own.
"""
