// Left running: the resident memory of the fake after 200,000 identical GetCredentialsForIdentity
// requests against the same after 1,000 (target: within 1.2x), with the model's clock advancing one
// second per request, so credentials expire and are forgotten during the run (CRED-14). A real
// clock would not get past their hour in a run this short, and a pinned one never does.
// The same requests first run on a throwaway fake, so that the runtime's heap and compiled code have
// grown to their working size before the first figure: what is compared is what the fake keeps.
// Run with --expose-gc (bench/run.ts does) so that both figures are taken after a collection.
import { Service } from "../src/fake/service.js";
import type { WireRequest } from "../src/protocol/wire.js";
import { serviceRequest } from "../test/service-request.js";
import { fmt, table } from "./measure.js";

const START = Date.UTC(2024, 0, 1);
const STEP_MS = 1000;
const gc = (globalThis as { gc?: () => void }).gc;

/** A fake with a pool that lets guests in, and the request that gets credentials for one guest. */
function setUp(): { service: Service; request: WireRequest; tick: () => void } {
  let now = START;
  const service = new Service({ seed: 1, now: () => now });
  const call = (op: string, input: unknown, signed = true): Record<string, unknown> => {
    const request = requestOf(op, input, signed);
    const answer = service.respond(request);
    if (answer instanceof Promise) throw new Error("verification is off: answers are synchronous");
    if (answer.status !== 200) throw new Error(`${op}: ${answer.status} ${answer.body}`);
    return JSON.parse(answer.body) as Record<string, unknown>;
  };
  const { IdentityPoolId } = call("CreateIdentityPool", { IdentityPoolName: "left running", AllowUnauthenticatedIdentities: true }) as { IdentityPoolId: string };
  call("SetIdentityPoolRoles", { IdentityPoolId, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/guest" } });
  const { IdentityId } = call("GetId", { IdentityPoolId }, false) as { IdentityId: string };
  return { service, request: requestOf("GetCredentialsForIdentity", { IdentityId }, false), tick: () => (now += STEP_MS) };
}

const requestOf = (op: string, input: unknown, signed: boolean): WireRequest => serviceRequest(op, JSON.stringify(input), { signed });

function run(fake: ReturnType<typeof setUp>, requests: number): void {
  for (let i = 0; i < requests; i++) {
    const answer = fake.service.respond(fake.request);
    if (answer instanceof Promise || answer.status !== 200) throw new Error("GetCredentialsForIdentity failed");
    fake.tick();
  }
}

run(setUp(), 100_000);

function rss(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().rss;
}

const fake = setUp();
const marks = [1_000, 200_000];
const rows: (string | number)[][] = [["requests", "RSS (MiB)", "credentials kept", "ratio vs 1,000"]];
const measured: number[] = [];
let done = 0;
const started = process.hrtime.bigint();
for (const mark of marks) {
  run(fake, mark - done);
  done = mark;
  measured.push(rss());
  rows.push([fmt(mark, 0), fmt(measured.at(-1)! / 2 ** 20, 1), fmt(fake.service.state.credentials.size, 0), fmt(measured.at(-1)! / measured[0]!)]);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

console.log(table(rows));
console.log(`\n${fmt(done / seconds, 0)} requests per second${gc ? "" : " (run with --expose-gc for figures after a collection)"}`);
console.log(`RSS after 200,000 requests relative to after 1,000: ${fmt(measured[1]! / measured[0]!)} (target <= 1.2)`);
