// Injected faults in process (spec/testing.md FAULT-1..FAULT-7), through the real SDK.
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  InternalErrorException,
  ListIdentityPoolsCommand,
  SetIdentityPoolRolesCommand,
  TooManyRequestsException,
} from "@aws-sdk/client-cognito-identity";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { describe, expect, it } from "vitest";
import { createFake, FaultSpecError, type Fake } from "../../src/fake/index.js";
import { decodeJwt } from "jose";

const ROLES = { unauthenticated: "arn:aws:iam::123456789012:role/guest", authenticated: "arn:aws:iam::123456789012:role/user" };

/** The SDK's own retry strategy, waiting 1 ms between attempts. */
const fastRetry = (maxAttempts: number) => new ConfiguredRetryStrategy(maxAttempts, () => 1);

const clientOf = (fake: Fake, maxAttempts = 1) =>
  new CognitoIdentityClient({
    region: "us-east-1",
    credentials: { accessKeyId: "123456789012", secretAccessKey: "s" },
    requestHandler: fake.requestHandler,
    retryStrategy: fastRetry(maxAttempts),
  });

async function setup(maxAttempts = 1) {
  const fake = createFake({ seed: 3 });
  const client = clientOf(fake, maxAttempts);
  const { IdentityPoolId } = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: true }));
  await client.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: ROLES }));
  return { fake, client, IdentityPoolId: IdentityPoolId! };
}

describe("faults in process", () => {
  it("FAULT-1: a spec naming an error the operation cannot answer, an unknown operation or member, or no effect is refused with the reason", () => {
    const fake = createFake();
    expect(() => fake.faults.add({ operation: "GetId", error: "ConcurrentModificationException" })).toThrow(
      new FaultSpecError(
        "fault refused: error: GetId cannot answer 'ConcurrentModificationException'; its modeled errors (spec/shapes.json) are InvalidParameterException, ResourceNotFoundException, NotAuthorizedException, ResourceConflictException, TooManyRequestsException, InternalErrorException, LimitExceededException, ExternalServiceException",
      ),
    );
    expect(() => fake.faults.add({ operation: "GetUser", error: "InternalErrorException" })).toThrow(/operation: 'GetUser' is not an operation of Cognito Identity/);
    expect(() => fake.faults.add({ operation: "GetId", error: "InternalErrorException", count: 2 } as never)).toThrow(/unknown member 'count'/);
    expect(() => fake.faults.add({ operation: "GetId" })).toThrow(/a fault needs `error`, `timeout: true`, `drop: true` or `delayMs` above 0/);
    expect(() => fake.faults.add({ operation: "GetId", error: "InternalErrorException", nth: 2, times: 3 })).toThrow(/nth: not with `times` or `every`/);
    expect(() => fake.faults.add({ operation: "GetId", error: "InternalErrorException", times: 0 })).toThrow(/times: a whole number of at least 1/);
    expect(() => fake.faults.add({ operation: "GetId", timeout: true, drop: true })).toThrow(/at most one of/);
    expect(fake.faults.list()).toEqual([]);
  });

  it("FAULT-3: an injected error is the operation's modeled exception with AWS's status, headers and body, and the SDK throws its class", async () => {
    const { fake, client, IdentityPoolId } = await setup();
    fake.faults.add({ operation: "GetCredentialsForIdentity", error: "InternalErrorException" });
    fake.faults.add({ operation: "GetId", error: "TooManyRequestsException" });
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId })).catch(() => client.send(new GetIdCommand({ IdentityPoolId })));
    const internal = await client.send(new GetCredentialsForIdentityCommand({ IdentityId })).catch((e: unknown) => e);
    expect(internal).toBeInstanceOf(InternalErrorException);
    expect(internal).toMatchObject({ message: "An internal error occurred.", $metadata: { httpStatusCode: 500, attempts: 1 } });

    fake.faults.add({ operation: "GetId", error: "NotAuthorizedException", message: "Nope." });
    const raw = await fake.service.handle({
      method: "POST",
      path: "/",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.GetId" },
      body: JSON.stringify({ IdentityPoolId }),
    });
    expect(raw.status).toBe(400);
    expect(raw.headers).toMatchObject({ "x-amzn-ErrorType": "NotAuthorizedException:", "x-amzn-ErrorMessage": "Nope.", "Content-Type": "application/x-amz-json-1.1" });
    expect(raw.body).toBe('{"__type":"NotAuthorizedException","message":"Nope."}');
  });

  it("FAULT-3: the SDK's own retry gets through a throttled GetId: two TooManyRequestsException answers, then the model's", async () => {
    const { fake, client, IdentityPoolId } = await setup(3);
    fake.faults.add({ operation: "GetId", error: "TooManyRequestsException", times: 2 });
    const answer = await client.send(new GetIdCommand({ IdentityPoolId }));
    expect(answer.$metadata.attempts).toBe(3);
    expect(fake.callsOf(GetIdCommand).map((c) => (c.outcome.ok ? "ok" : "error" in c.outcome ? c.outcome.error.type : c.outcome.transport))).toEqual([
      "TooManyRequestsException",
      "TooManyRequestsException",
      "ok",
    ]);
    // A third throttle is more than three attempts take.
    fake.faults.add({ operation: "GetId", error: "TooManyRequestsException", times: 3 });
    await expect(client.send(new GetIdCommand({ IdentityPoolId }))).rejects.toBeInstanceOf(TooManyRequestsException);
  });

  it("FAULT-3: fromCognitoIdentityPool recovers from an InternalErrorException by the SDK's retry", async () => {
    const { fake, IdentityPoolId } = await setup();
    fake.faults.add({ operation: "GetCredentialsForIdentity", error: "InternalErrorException" });
    const provider = fromCognitoIdentityPool({
      identityPoolId: IdentityPoolId,
      clientConfig: { region: "us-east-1", requestHandler: fake.requestHandler, retryStrategy: fastRetry(3) },
    });
    const credentials = await provider();
    expect(fake.describeCredentials(credentials.accessKeyId)?.roleArn).toBe(ROLES.unauthenticated);
    expect(fake.callsOf(GetCredentialsForIdentityCommand).map((c) => c.outcome.ok)).toEqual([false, true]);
  });

  it("FAULT-3: a timeout and a dropped connection reject with the errors of Node's HTTP client, which the SDK retries", async () => {
    const { fake, client, IdentityPoolId } = await setup();
    fake.faults.add({ operation: "DescribeIdentityPool", timeout: true });
    await expect(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId }))).rejects.toMatchObject({ name: "TimeoutError", code: "ETIMEDOUT" });
    fake.faults.add({ operation: "DescribeIdentityPool", drop: true });
    await expect(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId }))).rejects.toMatchObject({ message: "socket hang up", code: "ECONNRESET" });
    expect(fake.callsOf(DescribeIdentityPoolCommand).map((c) => c.outcome)).toEqual([
      { ok: false, transport: "timeout" },
      { ok: false, transport: "drop" },
    ]);
    const retried = clientOf(fake, 2);
    fake.faults.add({ operation: "DescribeIdentityPool", drop: true });
    expect((await retried.send(new DescribeIdentityPoolCommand({ IdentityPoolId }))).$metadata.attempts).toBe(2);
  });

  it("FAULT-2: every k-th call, the n-th call, and calls whose input holds members or passes a predicate", async () => {
    const { fake, client, IdentityPoolId } = await setup();
    const describe = () =>
      client.send(new DescribeIdentityPoolCommand({ IdentityPoolId })).then(
        () => "ok",
        (e: Error) => e.name,
      );
    fake.faults.add({ operation: "DescribeIdentityPool", error: "InternalErrorException", every: 3 });
    const runs: string[] = [];
    for (let i = 0; i < 7; i++) runs.push(await describe());
    expect(runs).toEqual(["ok", "ok", "InternalErrorException", "ok", "ok", "InternalErrorException", "ok"]);
    fake.faults.clear();

    fake.faults.add({ operation: "GetOpenIdToken", error: "ResourceConflictException", nth: 2 });
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId }));
    const tokens = [];
    for (let i = 0; i < 3; i++) tokens.push(await client.send(new GetOpenIdTokenCommand({ IdentityId })).then(() => "ok", (e: Error) => e.name));
    expect(tokens).toEqual(["ok", "ResourceConflictException", "ok"]);

    const other = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "other", AllowUnauthenticatedIdentities: true }));
    fake.faults.add({ operation: "DescribeIdentityPool", error: "ResourceNotFoundException", input: { IdentityPoolId: other.IdentityPoolId }, times: 5 });
    fake.faults.add({ operation: "DescribeIdentityPool", error: "NotAuthorizedException", when: (input) => (input as { IdentityPoolId: string }).IdentityPoolId.endsWith("x") });
    expect(await describe()).toBe("ok");
    await expect(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: other.IdentityPoolId }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: `${IdentityPoolId.slice(0, -1)}x` }))).rejects.toMatchObject({ name: "NotAuthorizedException" });
    // The predicate's fault answered its one call and is gone; the other has four to go.
    expect(fake.faults.list().map((f) => [f.spec.error, f.seen, f.fired])).toEqual([["ResourceNotFoundException", 1, 1]]);
  });

  it("FAULT-2: a predicate that throws makes the call an internal error, logged, and the model untouched", async () => {
    const lines: string[] = [];
    const fake = createFake({ seed: 3, log: (line) => lines.push(line) });
    const client = clientOf(fake);
    fake.faults.add({ operation: "ListIdentityPools", error: "InternalErrorException", when: () => { throw new Error("a bug in the test"); } });
    await expect(client.send(new ListIdentityPoolsCommand({ MaxResults: 1 }))).rejects.toBeInstanceOf(InternalErrorException);
    expect(lines.join("\n")).toContain("a bug in the test");
  });

  it("FAULT-4: every fault a call matches counts it; the first added whose turn it is answers; a used-up fault is gone", async () => {
    const { fake, client, IdentityPoolId } = await setup();
    const first = fake.faults.add({ operation: "DescribeIdentityPool", error: "InternalErrorException", nth: 2 });
    const second = fake.faults.add({ operation: "DescribeIdentityPool", error: "TooManyRequestsException", times: 2 });
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId })).then(() => "ok", (e: Error) => e.name));
    expect(outcomes).toEqual(["TooManyRequestsException", "InternalErrorException", "TooManyRequestsException", "ok"]);
    expect(fake.calls.filter((c) => c.fault !== undefined).map((c) => c.fault)).toEqual([second.id, first.id, second.id]);
    expect(fake.faults.list()).toEqual([]);
    expect(fake.faults.remove(first.id)).toBe(false);
  });

  it("FAULT-5: an injected failure leaves the model's state as it was: no identity made, no rate window counted", async () => {
    const { fake, client, IdentityPoolId } = await setup();
    const before = fake.snapshot().state;
    fake.faults.add({ operation: "GetId", error: "InternalErrorException" });
    fake.faults.add({ operation: "GetId", timeout: true });
    fake.faults.add({ operation: "GetId", drop: true });
    for (let i = 0; i < 3; i++) await expect(client.send(new GetIdCommand({ IdentityPoolId }))).rejects.toBeDefined();
    expect(fake.snapshot().state).toEqual(before);
    expect(fake.callsOf(GetIdCommand)).toHaveLength(3);
  });

  it("FAULT-6: a wall-clock delay waits before the answer; a logical one moves the service's clock on without waiting, for later calls too", async () => {
    let now = 1_700_000_000_000;
    const fake = createFake({ seed: 3, now: () => now });
    const client = clientOf(fake);
    const { IdentityPoolId } = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: true }));
    fake.faults.add({ operation: "GetId", delayMs: 60, clock: "wall" });
    const started = performance.now();
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);

    fake.faults.add({ operation: "GetOpenIdToken", delayMs: 120_000, clock: "logical" });
    const waited = performance.now();
    const { Token } = await client.send(new GetOpenIdTokenCommand({ IdentityId }));
    expect(performance.now() - waited).toBeLessThan(1_000);
    expect(decodeJwt(Token!).iat).toBe(now / 1000 + 120);
    const later = await client.send(new GetOpenIdTokenCommand({ IdentityId }));
    expect(decodeJwt(later.Token!).iat).toBe(now / 1000 + 120);
    expect(fake.calls.map((c) => c.time - now)).toEqual([0, 0, 120_000, 120_000]);
    now += 1000;
    fake.reset();
    expect(fake.service.testing.faults.clockAdvance).toBe(0);
  });

  it("FAULT-7: a reset ends every fault; clear ends them without a reset", async () => {
    const { fake, client, IdentityPoolId } = await setup();
    fake.faults.add({ operation: "DescribeIdentityPool", error: "InternalErrorException", every: 1 });
    fake.faults.clear();
    await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId }));
    fake.faults.add({ operation: "CreateIdentityPool", error: "InternalErrorException", every: 1 });
    fake.reset();
    expect(fake.faults.list()).toEqual([]);
    await expect(client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "q", AllowUnauthenticatedIdentities: true }))).resolves.toBeDefined();
  });
});
