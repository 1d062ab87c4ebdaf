// A property: random form bodies in STS's Query protocol (any Action, Version and parameters, valid
// or not, signed or not) are each answered with well-formed XML, never a 5xx, and a refusal leaves
// the state as it was.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotState } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { request, SIGNED } from "./raw.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 98, log: () => {} });
});
afterAll(() => server.close());

const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("900", "3600", "43201", "-1", "1e3", "abc", "", "arn:aws:iam::123456789012:role/r", "a.b.c", "é&<>'\"", "\u0000"),
);
const name = fc.oneof(
  fc.constantFrom("RoleArn", "RoleSessionName", "WebIdentityToken", "DurationSeconds", "ProviderId", "Policy", "PolicyArns.member.1.arn", "PolicyArns.member.2", "PolicyArns.member.x.arn"),
  fc.string({ maxLength: 12 }),
);

const formArb = fc.record({
  action: fc.option(fc.constantFrom("AssumeRoleWithWebIdentity", "GetCallerIdentity", "AssumeRole", "", "assumerolewithwebidentity"), { nil: undefined }),
  version: fc.option(fc.constantFrom("2011-06-15", "2011-06-16", ""), { nil: undefined }),
  params: fc.array(fc.tuple(name, value), { maxLength: 6 }),
  signed: fc.boolean(),
});

describe("STS fuzz", () => {
  it("STS-3, STS-5: any form is answered with XML, never a 5xx; a refusal changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(formArb, async ({ action, version, params, signed }) => {
        const form = new URLSearchParams();
        if (action !== undefined) form.append("Action", action);
        if (version !== undefined) form.append("Version", version);
        for (const [k, v] of params) form.append(k, v);
        const before = JSON.stringify(snapshotState(server.service.state));
        const answer = await request(server.url, {
          headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", ...(signed ? { "X-Amz-Date": SIGNED["x-amz-date"], Authorization: SIGNED.authorization } : {}) },
          body: form.toString(),
        });
        expect(answer.status).toBeLessThan(500);
        expect(answer.headers["content-type"]).toBe("text/xml");
        if (answer.status === 200) {
          expect(answer.body).toMatch(/^<(AssumeRoleWithWebIdentity|GetCallerIdentity)Response xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n/);
        } else {
          expect(answer.body).toMatch(/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n  <Error>\n    <Type>Sender<\/Type>\n    <Code>\w+<\/Code>\n/);
          expect(JSON.stringify(snapshotState(server.service.state))).toBe(before);
        }
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });
});
