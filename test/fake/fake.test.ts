import {
  CognitoIdentityClient,
  CognitoIdentityServiceException,
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  ListIdentityPoolsCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-cognito-identity";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { HttpRequest } from "@smithy/protocol-http";
import { describe, expect, it } from "vitest";
import { createFake, type Fake, type FakeOptions } from "../../src/fake/index.js";
import { initialState, snapshotState } from "../../src/model/index.js";
import { ACCOUNT, REGION, thrown, UUID } from "./sdk-suite.js";

const clientOf = (fake: Fake, accessKeyId = ACCOUNT, secretAccessKey = "secret", region = REGION) =>
  new CognitoIdentityClient({ region, credentials: { accessKeyId, secretAccessKey }, requestHandler: fake.requestHandler });

/** Sends a fixed script of requests and returns, per request, the raw response bytes the handler gave. */
async function transcript(options: FakeOptions): Promise<string[]> {
  const fake = createFake(options);
  const out: string[] = [];
  const handle = fake.requestHandler.handle.bind(fake.requestHandler);
  fake.requestHandler.handle = async (request, handlerOptions) => {
    const answer = await handle(request, handlerOptions);
    const { statusCode, headers, body } = answer.response;
    out.push(JSON.stringify({ statusCode, requestId: headers["x-amzn-requestid"], body: Buffer.from(body as Uint8Array).toString() }));
    return answer;
  };
  const sdk = clientOf(fake);
  const a = await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "a", AllowUnauthenticatedIdentities: true }));
  await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "b", AllowUnauthenticatedIdentities: false }));
  await sdk.send(new DescribeIdentityPoolCommand({ IdentityPoolId: a.IdentityPoolId }));
  await sdk.send(new DescribeIdentityPoolCommand({ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" })).catch(() => {});
  await sdk.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
  return out;
}

describe("createFake", () => {
  it("WIRE-14: the same seed and requests give the same bytes and request ids; another seed other ids", async () => {
    const one = await transcript({ seed: 42 });
    const two = await transcript({ seed: 42 });
    const other = await transcript({ seed: 43 });
    expect(one).toHaveLength(5);
    expect(two).toEqual(one);
    expect(other).not.toEqual(one);
    const ids = one.map((line) => (JSON.parse(line) as { requestId: string }).requestId);
    ids.forEach((id) => expect(id).toMatch(UUID));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("WIRE-5: request ids are never pool ids, although both come from the seed", async () => {
    const fake = createFake({ seed: 0 });
    const created = await clientOf(fake).send(new CreateIdentityPoolCommand({ IdentityPoolName: "a", AllowUnauthenticatedIdentities: true }));
    expect(created.IdentityPoolId).not.toContain(created.$metadata.requestId!);
  });

  it("WIRE-19: snapshot survives JSON.stringify; restore puts back pools and the request counter; reset empties", async () => {
    const fake = createFake({ seed: 3 });
    const sdk = clientOf(fake);
    const pool = await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "kept", AllowUnauthenticatedIdentities: true }));
    const saved = JSON.parse(JSON.stringify(fake.snapshot())) as unknown;
    const afterSave = await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "later", AllowUnauthenticatedIdentities: true }));

    fake.restore(saved);
    const listed = await sdk.send(new ListIdentityPoolsCommand({ MaxResults: 10 }));
    expect(listed.IdentityPools).toEqual([{ IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: "kept" }]);

    // Replaying from the snapshot gives the same answer, request id included.
    fake.restore(saved);
    const replayed = await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "later", AllowUnauthenticatedIdentities: true }));
    expect(replayed).toEqual(afterSave);

    fake.reset();
    expect((await sdk.send(new ListIdentityPoolsCommand({ MaxResults: 10 }))).IdentityPools).toEqual([]);
    expect(fake.snapshot().requests).toBe(1);
  });

  it("ID-9: a reset is a new generation of ids: an identity id cached from before is not found, never someone else's", async () => {
    const fake = createFake({ seed: 4 });
    const sdk = clientOf(fake);
    const guest = async () => {
      const pool = await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "guests", AllowUnauthenticatedIdentities: true }));
      return { pool: pool.IdentityPoolId!, identity: (await sdk.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }))).IdentityId! };
    };
    const before = await guest();
    fake.reset();
    const after = await guest();
    expect(after.pool).not.toBe(before.pool);
    expect(after.identity).not.toBe(before.identity);
    // What an SDK's or Amplify's cache still holds:
    await expect(sdk.send(new GetCredentialsForIdentityCommand({ IdentityId: before.identity }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    // Deterministic all the same: the same resets give the same ids, and a seed asked for starts afresh.
    const again = createFake({ seed: 4 });
    again.reset();
    expect((await clientOf(again).send(new CreateIdentityPoolCommand({ IdentityPoolName: "guests", AllowUnauthenticatedIdentities: true }))).IdentityPoolId).toBe(after.pool);
    fake.reset({ seed: 4 });
    expect(await guest()).toEqual(before);
  });

  it("WIRE-19: restore accepts a bare model snapshot and refuses what is not a snapshot, keeping the state", async () => {
    const fake = createFake({ seed: 3 });
    const sdk = clientOf(fake);
    await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "kept", AllowUnauthenticatedIdentities: true }));
    const before = fake.snapshot();
    for (const bad of [null, 42, "state", {}, { format: "cognito-identity-model/fake", version: 2, requests: 0, state: {} }, { format: "cognito-identity-model/fake", version: 1, requests: -1, state: snapshotState(initialState()) }]) {
      expect(() => fake.restore(bad)).toThrow(/cannot restore/);
      expect(fake.snapshot()).toEqual(before);
    }
    fake.restore(snapshotState(initialState({ seed: 9 })));
    expect(fake.snapshot()).toMatchObject({ requests: 0, state: { ids: { seed: 9, counter: 0 } } });
  });

  it("WIRE-14: the clock is the `now` option, fed to the model as epoch milliseconds", async () => {
    let now = Date.UTC(2020, 0, 1);
    const seen: number[] = [];
    const fake = createFake({ now: () => (seen.push(now), now) });
    await clientOf(fake).send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    now += 1000;
    await clientOf(fake).send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    expect(seen).toEqual([Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 1) + 1000]);
  });

  it("WIRE-12: the access key names the account: 12 digits, an explicit map, else the default account", async () => {
    const fake = createFake({ account: "111111111111", accounts: { AKIAEXAMPLE: "222222222222" } });
    const byDigits = await clientOf(fake, "333333333333").send(new CreateIdentityPoolCommand({ IdentityPoolName: "a", AllowUnauthenticatedIdentities: true }));
    const byMap = await clientOf(fake, "AKIAEXAMPLE").send(new CreateIdentityPoolCommand({ IdentityPoolName: "b", AllowUnauthenticatedIdentities: true }));
    const byDefault = await clientOf(fake, "anything").send(new CreateIdentityPoolCommand({ IdentityPoolName: "c", AllowUnauthenticatedIdentities: true }));
    const keys = fake.snapshot().state.namespaces.map((ns) => ns.key).sort();
    expect(keys).toEqual(["111111111111/us-east-1", "222222222222/us-east-1", "333333333333/us-east-1"]);
    // Another key of the same account sees the pool; a key of another account does not.
    await clientOf(fake, "other-key").send(new DescribeIdentityPoolCommand({ IdentityPoolId: byDefault.IdentityPoolId }));
    const error = await thrown(clientOf(fake, "333333333333").send(new DescribeIdentityPoolCommand({ IdentityPoolId: byMap.IdentityPoolId })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(byDigits.IdentityPoolId).toMatch(/^us-east-1:/);
  });

  it("WIRE-9: the Region is the client's (its credential scope)", async () => {
    const fake = createFake({ region: "ap-south-1" });
    const created = await clientOf(fake, ACCOUNT, "s", "eu-central-1").send(new CreateIdentityPoolCommand({ IdentityPoolName: "a", AllowUnauthenticatedIdentities: true }));
    expect(created.IdentityPoolId).toMatch(/^eu-central-1:/);
  });

  it("WIRE-13: with verification on, the SDK's signatures pass with the right secret and fail with another", async () => {
    const fake = createFake({ verifySignatures: true, secretKeys: { [ACCOUNT]: "right", AKIDOTHER: "x" } });
    const ok = await clientOf(fake, ACCOUNT, "right").send(new CreateIdentityPoolCommand({ IdentityPoolName: "signed", AllowUnauthenticatedIdentities: true }));
    expect(ok.IdentityPoolName).toBe("signed");

    const wrong = await thrown(clientOf(fake, ACCOUNT, "wrong").send(new ListIdentityPoolsCommand({ MaxResults: 1 })));
    // Not a modeled error of the service: the SDK throws its service base class, named after __type.
    expect(wrong).toBeInstanceOf(CognitoIdentityServiceException);
    expect(wrong.name).toBe("InvalidSignatureException");
    expect(wrong.message).toBe(
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
    expect(wrong.$metadata.httpStatusCode).toBe(400);

    const unknown = await thrown(clientOf(fake, "AKIDUNKNOWN", "right").send(new ListIdentityPoolsCommand({ MaxResults: 1 })));
    expect(unknown.name).toBe("UnrecognizedClientException");
    expect(unknown.message).toBe("The security token included in the request is invalid.");
    expect(unknown.$metadata.httpStatusCode).toBe(400);
    // Nothing was created by the refused requests.
    expect(fake.snapshot().state.namespaces.flatMap((ns) => ns.pools)).toHaveLength(1);
  });

  it("WIRE-13: temporary credentials (a session token) sign and verify like long-term ones", async () => {
    const fake = createFake({ verifySignatures: true, secretKeys: { ASIATEMPORARY: "temp-secret" } });
    const sdk = new CognitoIdentityClient({
      region: REGION,
      credentials: { accessKeyId: "ASIATEMPORARY", secretAccessKey: "temp-secret", sessionToken: "token" },
      requestHandler: fake.requestHandler,
    });
    expect((await sdk.send(new ListIdentityPoolsCommand({ MaxResults: 1 }))).IdentityPools).toEqual([]);
  });

  it("the request handler honours an aborted signal as the SDK's own handlers do", async () => {
    const fake = createFake();
    const controller = new AbortController();
    controller.abort();
    const error = await thrown(clientOf(fake).send(new ListIdentityPoolsCommand({ MaxResults: 1 }), { abortSignal: controller.signal }));
    expect(error.name).toBe("AbortError");
  });
});

describe("the signing time", () => {
  const NOW = Date.UTC(2024, 0, 1);
  const MINUTE = 60_000;
  const SECRET = "right";
  const verifying = () => createFake({ now: () => NOW, verifySignatures: true, secretKeys: { [ACCOUNT]: SECRET } });
  /** A client whose clock reads `signAt` now: it signs with that time, and tries once. */
  const signingAt = (fake: Fake, signAt: number) =>
    new CognitoIdentityClient({ region: REGION, credentials: { accessKeyId: ACCOUNT, secretAccessKey: SECRET }, requestHandler: fake.requestHandler, systemClockOffset: signAt - Date.now(), maxAttempts: 1 });
  const stsAt = (fake: Fake, signAt: number) =>
    new STSClient({ region: REGION, credentials: { accessKeyId: ACCOUNT, secretAccessKey: SECRET }, requestHandler: fake.requestHandler, systemClockOffset: signAt - Date.now(), maxAttempts: 1 });
  const list = new ListIdentityPoolsCommand({ MaxResults: 1 });

  it("WIRE-33: with verification on, a request signed in 2020 or 2099 is refused with AWS's texts; within five minutes it passes", async () => {
    const fake = verifying();
    const past = await thrown(signingAt(fake, Date.UTC(2020, 0, 1)).send(list));
    expect(past).toMatchObject({ name: "InvalidSignatureException", message: "Signature expired: 20200101T000000Z is now earlier than 20231231T235500Z (20240101T000000Z - 5 min.)" });
    expect(past.$metadata.httpStatusCode).toBe(400);
    const future = await thrown(signingAt(fake, Date.UTC(2099, 0, 1)).send(list));
    expect(future).toMatchObject({ name: "InvalidSignatureException", message: "Signature not yet current: 20990101T000000Z is still later than 20240101T000500Z (20240101T000000Z + 5 min.)" });
    for (const offset of [-5 * MINUTE, 4 * MINUTE]) expect((await signingAt(fake, NOW + offset).send(list)).IdentityPools).toEqual([]);
  });

  it("WIRE-33, STS-5: STS verifies its own scope and allows fifteen minutes, refusing later with SignatureDoesNotMatch", async () => {
    const fake = verifying();
    expect(await stsAt(fake, NOW - 14 * MINUTE).send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: ACCOUNT });
    const late = await thrown(stsAt(fake, Date.UTC(2020, 0, 1)).send(new GetCallerIdentityCommand({})));
    expect(late).toMatchObject({ name: "SignatureDoesNotMatch", message: "Signature expired: 20200101T000000Z is now earlier than 20231231T234500Z (20240101T000000Z - 15 min.)" });
    expect(late.$metadata.httpStatusCode).toBe(403);
    const early = await thrown(stsAt(fake, Date.UTC(2099, 0, 1)).send(new GetCallerIdentityCommand({})));
    expect(early.message).toBe("Signature not yet current: 20990101T000000Z is still later than 20240101T001500Z (20240101T000000Z + 15 min.)");
  });

  it("WIRE-35: answers are dated by the service's clock, from which the SDK corrects its own and retries", async () => {
    const fake = verifying();
    const sdk = new CognitoIdentityClient({ region: REGION, credentials: { accessKeyId: ACCOUNT, secretAccessKey: SECRET }, requestHandler: fake.requestHandler });
    const answer = await sdk.send(list);
    expect(answer.IdentityPools).toEqual([]);
    expect(answer.$metadata.attempts).toBe(2);
    const unsigned = new HttpRequest({ method: "POST", hostname: "localhost", path: "/", headers: { "x-amz-target": "AWSCognitoIdentityService.GetId" }, body: "{}" });
    expect((await fake.requestHandler.handle(unsigned)).response.headers.date).toBe("Mon, 01 Jan 2024 00:00:00 GMT");
  });
});
