// In-process: time per SDK call (DescribeIdentityPool) through the fake's requestHandler, against
// the SDK with a trivial requestHandler that returns a fixed response from memory (the floor: the
// SDK's own serialization, signing and middleware), and against aws-sdk-client-mock (which skips
// them). Target: at most 1.2x the trivial handler. Figures are measured in this run, never asserted.
import { CognitoIdentityClient, CreateIdentityPoolCommand, DescribeIdentityPoolCommand } from "@aws-sdk/client-cognito-identity";
import { HttpResponse } from "@smithy/protocol-http";
import { mockClient } from "aws-sdk-client-mock";
import { createFake } from "../src/fake/index.js";
import { fmt, nsPerAsyncCall, table } from "./measure.js";

const MS = 400;
const ROUNDS = 9;
const credentials = { accessKeyId: "123456789012", secretAccessKey: "secret" };
const client = (requestHandler?: unknown) =>
  new CognitoIdentityClient({ region: "us-east-1", credentials, ...(requestHandler ? { requestHandler: requestHandler as never } : {}) });

// The fake, with one pool to describe.
const fake = createFake({ seed: 1 });
const viaFake = client(fake.requestHandler);
const pool = await viaFake.send(new CreateIdentityPoolCommand({ IdentityPoolName: "bench", AllowUnauthenticatedIdentities: true }));
const describe = new DescribeIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId });

// The trivial handler answers the same bytes the fake answers, from memory.
const fixedBody = JSON.stringify({ ...pool, $metadata: undefined });
const fixedHeaders = {
  "content-type": "application/x-amz-json-1.1",
  "x-amzn-requestid": "00000000-0000-4000-8000-000000000000",
  "content-length": String(Buffer.byteLength(fixedBody)),
};
const trivialHandler = {
  handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: { ...fixedHeaders }, body: Buffer.from(fixedBody) }) }),
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
};
const viaTrivial = client(trivialHandler);

const mocked = client();
mockClient(mocked).on(DescribeIdentityPoolCommand).resolves({ ...pool, $metadata: {} });

// Sanity: all three answer the pool.
for (const c of [viaFake, viaTrivial, mocked]) {
  const out = await c.send(describe);
  if (out.IdentityPoolId !== pool.IdentityPoolId) throw new Error("a client did not answer the pool");
}

// Short windows, alternating and in a rotating order, so load from elsewhere on the machine falls
// on all three alike; the ratios are taken window by window, then the median of them is shown.
const names = ["trivial", "fake", "mock"] as const;
const sends = { trivial: () => viaTrivial.send(describe), fake: () => viaFake.send(describe), mock: () => mocked.send(describe) };
const runs: Record<(typeof names)[number], number[]> = { trivial: [], fake: [], mock: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length]!;
    runs[name].push((await nsPerAsyncCall(sends[name], MS)) / 1000);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const paired = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]!));
const fakeOverTrivial = paired(runs.fake, runs.trivial);
const fakeOverMock = paired(runs.fake, runs.mock);

console.log(`DescribeIdentityPool through CognitoIdentityClient.send, one call at a time; ${ROUNDS} alternating windows of ${MS} ms per transport\n`);
console.log(
  table([
    ["transport", "µs per call (median)", "fastest window", "slowest window"],
    ["trivial requestHandler (fixed response from memory)", fmt(median(runs.trivial), 1), fmt(Math.min(...runs.trivial), 1), fmt(Math.max(...runs.trivial), 1)],
    ["createFake().requestHandler", fmt(median(runs.fake), 1), fmt(Math.min(...runs.fake), 1), fmt(Math.max(...runs.fake), 1)],
    ["aws-sdk-client-mock (skips the SDK's serialization)", fmt(median(runs.mock), 1), fmt(Math.min(...runs.mock), 1), fmt(Math.max(...runs.mock), 1)],
  ]),
);
console.log("");
console.log(`fake / trivial handler = ${fmt(fakeOverTrivial)}x (target <= 1.2x; median of per-window ratios)`);
console.log(`fake / aws-sdk-client-mock = ${fmt(fakeOverMock)}x`);
