"""Airflow on a t3.medium EC2 instance and a fine-tuned Mistral-7B on a SageMaker endpoint.

Source: github.com/DanEscher98/twitter-profile-scorer, infra/__main__.py at commit
0967ed0de323f86f3a74604ff2d5ac00167b2bc6 and infra/components/sagemaker_llm.py at commit
4151d05bd0f7ed9be9059d952f765fd7535404b9 (no licence file: restated as resources and
hardware inputs, not copied). The ``SageMakerLlm`` component keeps its type token and
children; the endpoint uses ``instance_type="ml.g4dn.xlarge"`` as in the source.

Adaptations to run offline:
- the source reads ENABLE_SAGEMAKER, SAGEMAKER_MODEL_S3_URI and API keys from a .env
  file; here the two SageMaker switches are stack config and the API keys are left out;
- the VPC, RDS database, dashboards, budget and datasets bucket components are left out
  (no hardware); the Airflow EC2 instance is kept with its instance type.
"""

import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()


class SageMakerLlm(pulumi.ComponentResource):
    """S3 bucket, execution role, model, endpoint configuration and endpoint."""

    def __init__(
        self,
        name,
        model_s3_uri=None,
        instance_type="ml.g4dn.xlarge",
        enable_endpoint=True,
        opts=None,
    ):
        super().__init__("custom:ml:SageMakerLlm", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        project = {"Project": "profile-scorer-saas"}
        self.bucket = aws.s3.Bucket(
            f"{name}-sagemaker-bucket",
            bucket=f"{name}-sagemaker-{pulumi.get_stack()}",
            force_destroy=True,
            tags={"Name": f"{name}-sagemaker-bucket", **project},
            opts=child,
        )
        self.role = aws.iam.Role(
            f"{name}-sagemaker-role",
            assume_role_policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "sagemaker.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                }
            ),
            tags={"Name": f"{name}-sagemaker-role", **project},
            opts=child,
        )
        self.endpoint = None
        if model_s3_uri and enable_endpoint:
            region = aws.get_region()
            image = (
                f"763104351884.dkr.ecr.{region.region}.amazonaws.com/"
                "huggingface-pytorch-tgi-inference:2.1.1-tgi1.4.0-gpu-py310-cu121-ubuntu20.04"
            )
            model = aws.sagemaker.Model(
                f"{name}-model",
                name=f"{name}-profile-scorer-model",
                execution_role_arn=self.role.arn,
                primary_container={
                    "image": image,
                    "model_data_url": model_s3_uri,
                    "environment": {"HF_MODEL_ID": "/opt/ml/model", "SM_NUM_GPUS": "1"},
                },
                tags={"Name": f"{name}-profile-scorer-model", **project},
                opts=child,
            )
            endpoint_config = aws.sagemaker.EndpointConfiguration(
                f"{name}-endpoint-config",
                name=f"{name}-profile-scorer-config",
                production_variants=[
                    {
                        "variant_name": "primary",
                        "model_name": model.name,
                        "initial_instance_count": 1,
                        "instance_type": instance_type,
                        "initial_variant_weight": 1.0,
                    }
                ],
                tags={"Name": f"{name}-profile-scorer-config", **project},
                opts=child,
            )
            self.endpoint = aws.sagemaker.Endpoint(
                f"{name}-endpoint",
                name=f"{name}-profile-scorer-endpoint",
                endpoint_config_name=endpoint_config.name,
                tags={"Name": f"{name}-profile-scorer-endpoint", **project},
                opts=child,
            )
        self.register_outputs({"bucket_name": self.bucket.id, "role_arn": self.role.arn})


airflow = aws.ec2.Instance(
    "airflow",
    ami="ami-0abcdef1234567890",
    instance_type="t3.medium",
    subnet_id="subnet-0b1c2d3e",
    tags={"Name": "airflow", "Project": "profile-scorer-saas"},
)

model_uri = config.get("sagemakerModelS3Uri") or ""
if (config.get("enableSagemaker") or "false").lower() == "true":
    sagemaker_llm = SageMakerLlm(
        "profile-scorer",
        model_s3_uri=model_uri or None,
        instance_type="ml.g4dn.xlarge",
        enable_endpoint=bool(model_uri),
    )
    pulumi.export("sagemaker_bucket", sagemaker_llm.bucket.id)
