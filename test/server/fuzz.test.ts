// A property: random and malformed requests (bodies, headers, targets, sizes), each with at least
// one defect, are all answered with a well-formed AWS error, and none changes the state.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationNames, service } from "../../src/model/index.js";
import { errorMessageHeader } from "../../src/protocol/encode.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { awsHeaders, request, SIGNED } from "./raw.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 99, log: () => {} });
});
afterAll(() => server.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LIMIT = 1024 * 1024;

/** Operations the model implements that have required members (so `{}` is surely invalid). */
const ops = operationNames.filter((op) => (service.shapes[service.operations[op]!.input!.shape]!.required ?? []).length > 0);
const opArb = fc.constantFrom(...ops);

const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });

/** A member of the op's input given a JSON value of a kind its shape does not accept. */
function wrongKind(op: string): fc.Arbitrary<string> {
  const input = service.shapes[service.operations[op]!.input!.shape]!;
  const members = Object.entries(input.members ?? {});
  return fc.constantFrom(...members).chain(([name, ref]) => {
    const type = service.shapes[ref.shape]!.type;
    const wrong: fc.Arbitrary<unknown>[] = [];
    if (type !== "string") wrong.push(fc.string());
    if (type !== "boolean") wrong.push(fc.boolean());
    if (type !== "integer" && type !== "long" && type !== "timestamp") wrong.push(fc.integer());
    if (type !== "list") wrong.push(fc.array(fc.integer(), { maxLength: 3 }));
    if (type !== "structure" && type !== "map") wrong.push(fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }));
    return fc.oneof(...wrong).map((value) => JSON.stringify({ [name]: value }));
  });
}

type Body = { bytes: Buffer; oversize: boolean };
const text = (s: string): Body => ({ bytes: Buffer.from(s), oversize: false });

/** Bodies that no operation accepts. */
const badBody = (op: string): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.json().map((j) => text(`${j.slice(0, Math.max(0, j.length - 1))}}{`)) },
    { weight: 2, arbitrary: fc.string().filter((s) => { try { JSON.parse(s); return false; } catch { return s.trim() !== ""; } }).map(text) },
    { weight: 2, arbitrary: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.string(), fc.integer(), fc.boolean()).map((v) => text(JSON.stringify(v))) },
    { weight: 3, arbitrary: wrongKind(op).map(text) },
    { weight: 2, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }).map((k) => `Zz${k}`), fc.jsonValue(), { maxKeys: 3 }).map((v) => text(JSON.stringify(v))) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 50 }).map((b) => ({ bytes: Buffer.concat([Buffer.from([0xc3, 0x28]), Buffer.from(b)]), oversize: false })) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 4096 }).map((extra) => ({ bytes: Buffer.alloc(LIMIT + extra, 0x20), oversize: true })) },
  );

type Defect = "method" | "target" | "contentType" | "auth" | "body";

const requestArb = fc
  .record({
    op: opArb,
    defects: fc.uniqueArray(fc.constantFrom<Defect>("method", "target", "contentType", "auth", "body"), { minLength: 1, maxLength: 5 }),
    method: fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "PROPFIND", "MKCOL"),
    target: fc.oneof(
      fc.constant(undefined),
      headerText,
      headerText.map((s) => `AWSCognitoIdentityService.Zz${s}`),
      fc.constantFrom(...operationNames).map((op) => `DynamoDB_20120810.${op}`),
    ),
    contentType: fc.oneof(fc.constant(undefined), headerText.filter((s) => !/^\s*application\/x-amz-json-1\.[01]\s*(;|$)/i.test(s))),
    auth: fc.oneof(fc.constant(undefined), headerText, headerText.map((s) => `AWS4-HMAC-SHA256 ${s}`)),
    path: fc.oneof(fc.constant("/"), headerText.map((s) => `/${encodeURIComponent(s)}`)),
    noise: fc.dictionary(fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((k) => `x-fuzz-${k}`), headerText, { maxKeys: 3 }),
  })
  .chain((r) => (r.defects.includes("body") ? badBody(r.op) : fc.constant(text(JSON.stringify({ MaxResults: 1, IdentityPoolId: "us-east-1:0" })))).map((body) => ({ ...r, body })));

describe("random and malformed requests", () => {
  it("WIRE-1, WIRE-5, WIRE-7: every answer is a well-formed AWS 4xx error and the state never changes", async () => {
    const before = server.service.snapshot().state;
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const headers: Record<string, string | undefined> = { ...awsHeaders(r.op), ...r.noise };
        if (r.defects.includes("target")) headers["X-Amz-Target"] = r.target;
        if (r.defects.includes("contentType")) headers["Content-Type"] = r.contentType;
        if (r.defects.includes("auth")) {
          // Without a header a public operation is fine, so a present one must be broken.
          headers["Authorization"] = r.auth ?? "AWS4-HMAC-SHA256 Credential=broken";
          if (r.auth === undefined) headers["X-Amz-Date"] = SIGNED["x-amz-date"];
        }
        const answer = await request(server.url, { method: r.defects.includes("method") ? r.method : "POST", path: r.path, headers, body: r.body.bytes });

        expect(r.body.oversize ? [413] : [400]).toContain(answer.status);
        expect(answer.headers["content-type"]).toBe("application/x-amz-json-1.1");
        expect(answer.headers["x-amzn-requestid"]).toMatch(UUID);
        const parsed = JSON.parse(answer.body) as Record<string, unknown>;
        expect(Object.keys(parsed)).toEqual(["__type", "message"]);
        expect(parsed.__type).toEqual(expect.stringMatching(/^[A-Z][A-Za-z]+Exception$/));
        expect(typeof parsed.message).toBe("string");
        expect(answer.headers["x-amzn-errortype"]).toBe(`${parsed.__type as string}:`);
        expect(answer.headers["x-amzn-errormessage"]).toBe(errorMessageHeader(parsed.message as string));
        expect(answer.headers["access-control-allow-origin"]).toBe("*");
        expect(server.service.snapshot().state).toEqual(before);
      }),
      { numRuns: 400 },
    );
    // And over the admin route, as another process would see it.
    const state = (await (await fetch(`${server.url}/_model/state`)).json()) as { state: unknown };
    expect(state.state).toEqual(JSON.parse(JSON.stringify(before)));
  });

  it("WIRE-22, WIRE-23: any request to the discovery and credentials routes is answered in JSON, and the state never changes", async () => {
    const before = server.service.snapshot();
    const routeArb = fc.record({
      method: fc.constantFrom("GET", "GET", "POST", "PUT", "DELETE", "PATCH"),
      path: fc.oneof(
        fc.constantFrom("/.well-known/jwks.json", "/.well-known/jwks_uri", "/.well-known/openid-configuration"),
        headerText.map((s) => `/.well-known/${encodeURIComponent(s)}`),
        headerText.map((s) => `/_model/credentials/${encodeURIComponent(s)}`),
        fc.stringMatching(/^[A-Za-z0-9%/._~-]{0,30}$/).map((s) => `/_model/credentials/${s}`),
      ),
      host: fc.oneof(fc.constant(undefined), headerText.filter((s) => s.trim() !== "")),
      query: fc.oneof(fc.constant(""), headerText.map((s) => `?${encodeURIComponent(s)}`)),
      noise: fc.dictionary(fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((k) => `x-fuzz-${k}`), headerText, { maxKeys: 3 }),
      body: fc.oneof(fc.constant(""), fc.string({ maxLength: 50 })),
    });
    await fc.assert(
      fc.asyncProperty(routeArb, async (r) => {
        const headers: Record<string, string | undefined> = { ...r.noise };
        if (r.host !== undefined) headers["Host"] = r.host;
        const answer = await request(server.url, { method: r.method, path: r.path + r.query, headers, body: r.body });
        const adminRoute = r.path.startsWith("/_model/");
        // WIRE-25: an admin request addressed to a foreign Host is refused; admin answers carry no CORS.
        expect(adminRoute ? [200, 403, 404, 405] : [200, 404, 405]).toContain(answer.status);
        expect(answer.headers["content-type"]).toBe("application/json");
        expect(answer.headers["access-control-allow-origin"]).toBe(adminRoute ? undefined : "*");
        const parsed = JSON.parse(answer.body) as Record<string, unknown>;
        if (answer.status === 200) expect(r.path.startsWith("/.well-known/")).toBe(true);
        else expect(typeof parsed.error).toBe("string");
        if (answer.status === 403) expect(r.host).toBeDefined();
        if (answer.status === 200 && r.path.endsWith("openid-configuration")) {
          expect(() => new URL(parsed.jwks_uri as string)).not.toThrow();
          expect(new URL(parsed.jwks_uri as string).pathname).toBe("/.well-known/jwks.json");
        }
      }),
      { numRuns: 300 },
    );
    expect(server.service.snapshot()).toEqual(before);
  });
});
