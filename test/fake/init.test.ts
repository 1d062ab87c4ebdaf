// createFake({ init }), fake.export() and resets with an init file (spec/init.md).
import { CognitoIdentityClient, CreateIdentityPoolCommand, GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { describe, expect, it } from "vitest";
import { createFake, InitError, type FakeOptions } from "../../src/fake/index.js";

const POOL_ID = "us-east-1:0c0ffee0-0000-4000-8000-000000000001";
const GUEST = "us-east-1:0c0ffee0-0000-4000-8000-0000000000a1";
const GUEST_ROLE = "arn:aws:iam::000000000000:role/dev-guest";
const pool = {
  IdentityPoolId: POOL_ID,
  IdentityPoolName: "dev",
  AllowUnauthenticatedIdentities: true,
  roles: { Roles: { unauthenticated: GUEST_ROLE } },
  identities: [{ IdentityId: GUEST }, {}],
};
const init = { pools: [pool] };

const clientOf = (fake: ReturnType<typeof createFake>) =>
  new CognitoIdentityClient({ region: "us-east-1", credentials: { accessKeyId: "000000000000", secretAccessKey: "x" }, requestHandler: fake.requestHandler });

describe("createFake({ init })", () => {
  it("INIT-1: starts with the file's pool and identities; a guest gets credentials with no other setup", async () => {
    const fake = createFake({ init });
    const client = clientOf(fake);
    const credentials = await client.send(new GetCredentialsForIdentityCommand({ IdentityId: GUEST }));
    expect(fake.describeCredentials(credentials.Credentials!.AccessKeyId!)).toMatchObject({ roleArn: GUEST_ROLE, identityPoolId: POOL_ID });
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    expect(IdentityId).toMatch(/^us-east-1:/);
    expect(fake.export().pools?.[0]?.identities).toHaveLength(3);
  });

  it("INIT-2: a refused file throws an InitError naming the entry and the operation's error, and no fake is made", () => {
    const bad = { pools: [pool, { IdentityPoolName: "b", AllowUnauthenticatedIdentities: true, roles: { Roles: { unauthenticated: "short" } } }] };
    expect(() => createFake({ init: bad })).toThrow(InitError);
    expect(() => createFake({ init: bad })).toThrow(/^init\.pools\[1\]\.roles: ValidationException: 1 validation error detected: Value '\{unauthenticated=short\}' at 'roles'/);
    expect(() => createFake({ init: { pools: [pool, pool] } })).toThrow(`init.pools[1]: ResourceConflictException: The identity pool id '${POOL_ID}' is already taken.`);
  });

  it("INIT-1: the file's IAM roles are registered, and stay so across a reset", () => {
    const role = { RoleName: "dev-guest", Arn: GUEST_ROLE, AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [] } };
    const fake = createFake({ init: { ...init, iamRoles: { Roles: [role] } } });
    expect(fake.iamRoles().Roles.map((r) => r.Arn)).toEqual([GUEST_ROLE]);
    fake.setIamRoles([]);
    fake.reset();
    expect(fake.iamRoles().Roles).toEqual([]);
  });

  it("INIT-4: a reset applies the file again: given ids are the same, ids left to the seed are a new generation's", async () => {
    const fake = createFake({ init, seed: 7, now: () => 1_700_000_000_000 });
    const before = fake.export();
    await clientOf(fake).send(new CreateIdentityPoolCommand({ IdentityPoolName: "extra", AllowUnauthenticatedIdentities: false }));
    fake.reset();
    const after = fake.export();
    expect(after.pools).toHaveLength(1);
    const ids = (file: typeof before) => file.pools![0]!.identities!.map((i) => i.IdentityId);
    expect(ids(after)[0]).toBe(GUEST);
    expect(ids(after)[1]).not.toBe(ids(before)[1]);
    fake.reset({ seed: 7 });
    expect(fake.export()).toEqual(before);
  });

  it("INIT-5: fake.export() re-imported with init starts a fake with the same export", async () => {
    const fake = createFake({ init, seed: 3 });
    const client = clientOf(fake);
    await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "by hand", AllowUnauthenticatedIdentities: true, IdentityPoolTags: { a: "b" } }));
    await client.send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    const exported = JSON.parse(JSON.stringify(fake.export())) as FakeOptions["init"];
    expect(createFake({ init: exported }).export()).toEqual(exported);
  });

  it("ID-10: no request sets the id of a pool: an IdentityPoolId in CreateIdentityPool's body is not one of its members", async () => {
    const fake = createFake();
    const response = await fake.service.handle({
      method: "POST",
      path: "/",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityService.CreateIdentityPool",
        "x-amz-date": "20240101T000000Z",
        authorization: "AWS4-HMAC-SHA256 Credential=000000000000/20240101/us-east-1/cognito-identity/aws4_request, SignedHeaders=host, Signature=00",
      },
      body: JSON.stringify({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, IdentityPoolId: POOL_ID }),
    });
    const body = JSON.parse(Buffer.from(response.body).toString()) as { IdentityPoolId?: string };
    expect(body.IdentityPoolId).toMatch(/^us-east-1:/);
    expect(body.IdentityPoolId).not.toBe(POOL_ID);
  });
});
