// WIRE-36: large bodies are checked apart from the event loop, and the answer is the one the
// service gives when it checks them itself.
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Service } from "../../src/fake/service.js";
import type { WireRequest } from "../../src/protocol/wire.js";
import { checkBody } from "../../src/server/body-check.js";
import { serviceRequest } from "../service-request.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const request = (op: string, body: string, signed = true): WireRequest => serviceRequest(op, body, { signed });

const bodies = fc.oneof(
  fc.constantFrom(
    "{",
    "[]",
    '{"IdentityPoolId": 5}',
    `{"IdentityPoolId":"us-east-1:x","Roles":{${Array.from({ length: 300 }, (_, i) => `"k${i}":"${"x".repeat(300)}"`).join(",")}}}`,
    `${"[".repeat(70)}${"]".repeat(70)}`,
    '{"IdentityPoolName":"ok","AllowUnauthenticatedIdentities":true}',
  ),
  fc.json(),
);
const ops = fc.constantFrom("CreateIdentityPool", "SetIdentityPoolRoles", "DescribeIdentityPool", "GetId", "NoSuchOperation");

describe("large bodies checked apart", () => {
  it("WIRE-36: a verdict found apart gives the answer the service gives alone, byte for byte, and the same state (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(ops, bodies, fc.boolean()), { minLength: 1, maxLength: 8 }), (commands) => {
        const alone = new Service({ seed: 5, now: () => 1_700_000_000_000 });
        const apart = new Service({ seed: 5, now: () => 1_700_000_000_000 });
        for (const [op, body, signed] of commands) {
          const expected = alone.respond(request(op, body, signed));
          const actual = apart.respond(request(op, body, signed), checkBody(op, Buffer.from(body)));
          expect(actual).toEqual(expected);
        }
        expect(JSON.stringify(apart.snapshot())).toBe(JSON.stringify(alone.snapshot()));
      }),
      { numRuns: 150 },
    );
  });

  it("WIRE-36: under the TypeScript loader the worker runs, and answers the refusal the service would", async () => {
    const script = `
      import { BodyChecker } from "./src/server/body-checker.ts";
      const checker = new BodyChecker();
      const sent = '{"IdentityPoolId":"us-east-1:x","Roles":{"k":"${"x".repeat(10)}"}}';
      const { verdict, body } = await checker.check("SetIdentityPoolRoles", [Buffer.from(sent.slice(0, 9)), Buffer.from(sent.slice(9))], { returnBody: true });
      const dropped = await checker.check("SetIdentityPoolRoles", [Buffer.from(sent)]);
      // The threads' scheduling priorities (nice values), read from /proc.
      const { readdirSync, readFileSync } = await import("node:fs");
      const nice = readdirSync("/proc/self/task").map((t) => { const s = readFileSync("/proc/self/task/" + t + "/stat", "utf8"); return Number(s.slice(s.lastIndexOf(")") + 2).split(" ")[16]); });
      console.log(JSON.stringify({ running: checker.running, verdict, same: body.toString() === sent, dropped: dropped.body.length, nice }));
      await checker.close();`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root });
    const { running, verdict, same, dropped, nice } = JSON.parse(stdout.trim().split("\n").pop()!);
    // On Linux the worker alone runs at the lowest priority: the event loop comes first.
    expect(nice.filter((n: number) => n === 19)).toHaveLength(1);
    expect(nice.filter((n: number) => n !== 19 && n !== 0)).toEqual([]);
    expect(running).toBe(true);
    // The body comes back whole, joined from its chunks, for the answer that needs it (a signature's check).
    expect(same).toBe(true);
    // Unless asked for, a refused body stays with the worker: the answer needs only the verdict.
    expect(dropped).toBe(0);
    expect(verdict).toEqual(checkBody("SetIdentityPoolRoles", Buffer.from(`{"IdentityPoolId":"us-east-1:x","Roles":{"k":"${"x".repeat(10)}"}}`)));
    expect(verdict.refusal.type).toBe("ValidationException");
  });
});
