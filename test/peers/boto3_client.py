"""Drives the server with boto3, as an application would, and prints what it saw as JSON.

Usage: python3 boto3_client.py ENDPOINT_URL
Credentials and Region come from the environment (dummy values; signatures are not verified).
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError


def error_of(call):
    try:
        call()
    except ClientError as error:
        return {
            "code": error.response["Error"]["Code"],
            "message": error.response["Error"]["Message"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
            "request_id": error.response["ResponseMetadata"].get("RequestId"),
            "class": type(error).__name__,
        }
    return None


def main(endpoint):
    client = boto3.client("cognito-identity", endpoint_url=endpoint)
    seen = {}

    created = client.create_identity_pool(
        IdentityPoolName="boto pool", AllowUnauthenticatedIdentities=False, IdentityPoolTags={"team": "a"}
    )
    pool_id = created["IdentityPoolId"]
    seen["created"] = {k: v for k, v in created.items() if k != "ResponseMetadata"}
    seen["created_status"] = created["ResponseMetadata"]["HTTPStatusCode"]
    seen["created_request_id"] = created["ResponseMetadata"]["RequestId"]

    described = client.describe_identity_pool(IdentityPoolId=pool_id)
    seen["described"] = {k: v for k, v in described.items() if k != "ResponseMetadata"}

    updated = client.update_identity_pool(
        IdentityPoolId=pool_id, IdentityPoolName="boto pool renamed", AllowUnauthenticatedIdentities=True
    )
    seen["updated_name"] = updated["IdentityPoolName"]

    for i in range(3):
        client.create_identity_pool(IdentityPoolName=f"extra {i}", AllowUnauthenticatedIdentities=True)
    paginator = client.get_paginator("list_identity_pools")
    pages = list(paginator.paginate(MaxResults=2))
    seen["pages"] = [[p["IdentityPoolName"] for p in page["IdentityPools"]] for page in pages]

    arn = f"arn:aws:cognito-identity:us-east-1:123456789012:identitypool/{pool_id}"
    client.tag_resource(ResourceArn=arn, Tags={"env": "test"})
    seen["tags"] = client.list_tags_for_resource(ResourceArn=arn)["Tags"]
    client.untag_resource(ResourceArn=arn, TagKeys=["team"])
    seen["tags_after_untag"] = client.list_tags_for_resource(ResourceArn=arn)["Tags"]

    unknown = "us-east-1:00000000-0000-4000-8000-000000000000"
    seen["not_found"] = error_of(lambda: client.describe_identity_pool(IdentityPoolId=unknown))
    try:
        client.describe_identity_pool(IdentityPoolId=unknown)
    except client.exceptions.ResourceNotFoundException:
        seen["modeled_class_caught"] = True
    seen["validation"] = error_of(
        lambda: client.create_identity_pool(IdentityPoolName="pool#name", AllowUnauthenticatedIdentities=True)
    )
    seen["bad_arn"] = error_of(lambda: client.list_tags_for_resource(ResourceArn="arn:aws:iam::123456789012:role/x"))
    # GetId is public: botocore sends it unsigned, and the answer comes from the model, not the auth check.
    seen["public_unsigned"] = error_of(lambda: client.get_id(IdentityPoolId=unknown))

    # The basic flow ends at STS, on the same endpoint (spec/sts.md).
    identity_id = client.get_id(IdentityPoolId=pool_id)["IdentityId"]
    token = client.get_open_id_token(IdentityId=identity_id)["Token"]
    sts = boto3.client("sts", endpoint_url=endpoint)
    role = "arn:aws:iam::123456789012:role/boto"
    assumed = sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="boto", WebIdentityToken=token)
    seen["sts_subject"] = assumed["SubjectFromWebIdentityToken"] == identity_id
    seen["sts_arn"] = assumed["AssumedRoleUser"]["Arn"]
    seen["sts_expiration_type"] = type(assumed["Credentials"]["Expiration"]).__name__
    creds = assumed["Credentials"]
    me = boto3.client(
        "sts",
        endpoint_url=endpoint,
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    ).get_caller_identity()
    seen["caller_arn"] = me["Arn"]
    seen["sts_bad_token"] = error_of(
        lambda: sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="boto", WebIdentityToken="not.a.token")
    )

    client.delete_identity_pool(IdentityPoolId=pool_id)
    seen["after_delete"] = error_of(lambda: client.describe_identity_pool(IdentityPoolId=pool_id))

    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1])
