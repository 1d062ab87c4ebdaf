// WIRE-15 over HTTP: the model's `step` is wrapped so a test can make it throw.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Model from "../../src/model/index.js";
import { call } from "./raw.js";

const hooks = vi.hoisted(() => ({ explode: false, badHeader: false }));

vi.mock("../../src/model/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof Model>();
  return {
    ...original,
    step: (state: Model.State, command: Model.RawCommand) => {
      if (hooks.explode) throw new RangeError("the model fell over");
      if (hooks.badHeader) return [state, { ok: false, error: { type: "Broken\r\nType", message: "x" } }];
      return original.step(state, command);
    },
  };
});

const { startServer } = await import("../../src/server/index.js");
let server: Awaited<ReturnType<typeof startServer>>;
const lines: string[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0, log: (line) => lines.push(line) });
});
afterAll(() => server.close());

describe("a fault inside the model, over HTTP", () => {
  it("WIRE-15: 500 InternalErrorException, logged, state unchanged, and the server keeps serving", async () => {
    expect((await call(server.url, "CreateIdentityPool", { IdentityPoolName: "a", AllowUnauthenticatedIdentities: true })).status).toBe(200);
    const before = server.service.snapshot().state;
    hooks.explode = true;
    const answer = await call(server.url, "CreateIdentityPool", { IdentityPoolName: "b", AllowUnauthenticatedIdentities: true });
    hooks.explode = false;
    expect(answer.status).toBe(500);
    expect(answer.body).toBe('{"__type":"InternalErrorException","message":"An internal error occurred."}');
    expect(answer.headers["x-amzn-errortype"]).toBe("InternalErrorException:");
    expect(server.service.snapshot().state).toEqual(before);
    expect(lines.join("\n")).toContain("RangeError: the model fell over");
    const listed = await call(server.url, "ListIdentityPools", { MaxResults: 10 });
    expect(JSON.parse(listed.body).IdentityPools).toHaveLength(1);
  });

  it("WIRE-15: an answer that cannot be written as HTTP (a header with CR LF) is a 500, not a crash", async () => {
    hooks.badHeader = true;
    const answer = await call(server.url, "ListIdentityPools", { MaxResults: 10 });
    hooks.badHeader = false;
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).__type).toBe("InternalErrorException");
    expect(lines.join("\n")).toContain("internal error in the server");
    expect((await call(server.url, "ListIdentityPools", { MaxResults: 10 })).status).toBe(200);
  });
});
