// The call history in process (spec/testing.md HIST-1..HIST-5), through the real SDK.
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  ListIdentityPoolsCommand,
} from "@aws-sdk/client-cognito-identity";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { createFake, type Fake } from "../../src/fake/index.js";

const clientOf = (fake: Fake, accessKeyId = "123456789012", region = "us-east-1") =>
  new CognitoIdentityClient({ region, credentials: { accessKeyId, secretAccessKey: "s" }, requestHandler: fake.requestHandler, maxAttempts: 1 });

const raw = (fake: Fake, target: string, body: string) =>
  fake.service.handle({ method: "POST", path: "/", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target }, body });

describe("the call history in process", () => {
  it("HIST-1, HIST-2: each call answered is recorded in order: operation, input, outcome, the service's time, the caller's account and Region, the request id", async () => {
    let now = 1_700_000_000_000;
    const fake = createFake({ seed: 2, now: () => (now += 1000) });
    const client = clientOf(fake);
    const { IdentityPoolId } = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: true }));
    const missing = await clientOf(fake, "210987654321", "eu-west-1")
      .send(new DescribeIdentityPoolCommand({ IdentityPoolId: "eu-west-1:00000000-0000-4000-8000-000000000000" }))
      .catch((e: { $metadata: { requestId: string } }) => e);
    const calls = fake.calls;
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      index: 0,
      service: "cognito-identity",
      operation: "CreateIdentityPool",
      input: { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true },
      outcome: { ok: true, output: { IdentityPoolId, IdentityPoolName: "p" } },
      time: 1_700_000_001_000,
      account: "123456789012",
      region: "us-east-1",
    });
    expect(calls[1]).toEqual({
      index: 1,
      service: "cognito-identity",
      operation: "DescribeIdentityPool",
      input: { IdentityPoolId: "eu-west-1:00000000-0000-4000-8000-000000000000" },
      outcome: { ok: false, error: { type: "ResourceNotFoundException", message: "IdentityPool 'eu-west-1:00000000-0000-4000-8000-000000000000' not found." } },
      time: 1_700_000_002_000,
      account: "210987654321",
      region: "eu-west-1",
      requestId: (missing as { $metadata: { requestId: string } }).$metadata.requestId,
    });
    // A copy: later calls do not change it.
    await client.send(new ListIdentityPoolsCommand({ MaxResults: 5 }));
    expect(calls).toHaveLength(2);
  });

  it("HIST-1: STS calls are recorded; requests refused before an operation or a JSON body are not", async () => {
    const fake = createFake({ seed: 2 });
    const sts = new STSClient({ region: "us-east-1", credentials: { accessKeyId: "123456789012", secretAccessKey: "s" }, requestHandler: fake.requestHandler });
    await sts.send(new GetCallerIdentityCommand({}));
    await raw(fake, "AWSCognitoIdentityService.GetId", "{not json");
    await raw(fake, "AWSCognitoIdentityService.NoSuchOperation", "{}");
    await raw(fake, "AWSCognitoIdentityService.GetId", "{}");
    expect(fake.calls.map((c) => [c.service, c.operation, c.outcome.ok ? "ok" : "error" in c.outcome ? c.outcome.error.type : ""])).toEqual([
      ["sts", "GetCallerIdentity", "ok"],
      ["cognito-identity", "GetId", "ValidationException"],
    ]);
  });

  it("HIST-3: calls by operation (a command class or its name, or several), by outcome and by input members", async () => {
    const fake = createFake({ seed: 2 });
    const client = clientOf(fake);
    const a = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "a", AllowUnauthenticatedIdentities: true }));
    await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "b", AllowUnauthenticatedIdentities: false }));
    await client.send(new GetIdCommand({ IdentityPoolId: a.IdentityPoolId }));
    await client.send(new GetCredentialsForIdentityCommand({ IdentityId: "us-east-1:00000000-0000-4000-8000-000000000000" })).catch(() => undefined);
    expect(fake.callsOf(CreateIdentityPoolCommand).map((c) => c.index)).toEqual([0, 1]);
    expect(fake.callsOf("GetId").map((c) => c.index)).toEqual([2]);
    expect(fake.callsOf(CreateIdentityPoolCommand, { AllowUnauthenticatedIdentities: false }).map((c) => c.index)).toEqual([1]);
    expect(fake.callsOf({ operation: ["GetId", "GetCredentialsForIdentity"] }).map((c) => c.index)).toEqual([2, 3]);
    expect(fake.callsOf({ ok: false }).map((c) => c.operation)).toEqual(["GetCredentialsForIdentity"]);
    expect(fake.callsOf({ service: "sts" })).toEqual([]);
  });

  it("HIST-4: the history keeps the last historyLimit calls; their indexes go on", async () => {
    const fake = createFake({ seed: 2, historyLimit: 3 });
    const client = clientOf(fake);
    for (let i = 0; i < 5; i++) await client.send(new ListIdentityPoolsCommand({ MaxResults: 1 + i }));
    expect(fake.calls.map((c) => [c.index, (c.input as { MaxResults: number }).MaxResults])).toEqual([
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    // Past the batch the oldest are let go in: still the last ones.
    const small = createFake({ historyLimit: 2 });
    const smallClient = clientOf(small);
    for (let i = 0; i < 150; i++) await smallClient.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    expect(small.calls.map((c) => c.index)).toEqual([148, 149]);
    const none = createFake({ historyLimit: 0 });
    await clientOf(none).send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    expect(none.calls).toEqual([]);
    expect(() => createFake({ historyLimit: -1 })).toThrow(/historyLimit/);
  });

  it("HIST-5: a reset and clearCalls empty the history; indexes start from 0 again", async () => {
    const fake = createFake({ seed: 2 });
    const client = clientOf(fake);
    await client.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    fake.clearCalls();
    expect(fake.calls).toEqual([]);
    await client.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    expect(fake.calls.map((c) => c.index)).toEqual([0]);
    fake.reset();
    expect(fake.calls).toEqual([]);
  });
});
