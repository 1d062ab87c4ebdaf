// Trust policies of the Developer Guide (role-trust-and-permissions, using-attributes-for-access-control)
// and roles to register them under.
export const DG_POOL = "us-east-1:12345678-1234-4234-8234-123456789012";

/** "Role trust and permissions": the unauthenticated role, for pool `aud`. */
export const dgPolicy = (aud: string, amr: string, actions: string | string[] = "sts:AssumeRoleWithWebIdentity") => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "",
      Effect: "Allow",
      Principal: { Federated: "cognito-identity.amazonaws.com" },
      Action: actions,
      Condition: {
        StringEquals: { "cognito-identity.amazonaws.com:aud": aud },
        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr },
      },
    },
  ],
});

export const DG_UNAUTH_POLICY = dgPolicy(DG_POOL, "unauthenticated");

/** A role of account 123456789012 as `aws iam list-roles` prints it. */
export const role = (name: string, policy: unknown, account = "123456789012") => ({
  RoleName: name,
  Arn: `arn:aws:iam::${account}:role/${name}`,
  AssumeRolePolicyDocument: policy,
});
