// cognito-identity-model/jest registers the matchers with the runner's global `expect`, as jest's
// setupFilesAfterEnv loads it; here vitest's expect stands in for jest's global one.
import { GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTestbed } from "../../src/testing/index.js";

const global = globalThis as { expect?: unknown };
afterEach(() => {
  delete global.expect;
  vi.resetModules();
});

describe("the jest entry point", () => {
  it("HIST-7: without a global expect it says where to load it from", async () => {
    delete global.expect;
    await expect(import("../../src/testing/jest.js")).rejects.toThrow(/no global expect to extend; load it from jest's setupFilesAfterEnv/);
  });

  it("HIST-7: with one, it extends it with the matchers", async () => {
    const extend = vi.fn();
    global.expect = { extend };
    const entry = await import("../../src/testing/jest.js");
    expect(extend).toHaveBeenCalledWith(entry.cognitoMatchers);
    global.expect = expect;
    vi.resetModules();
    await import("../../src/testing/jest.js");
    const { fake, client, pool } = await createTestbed();
    await client.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
    expect(fake).toHaveReceivedCommandOnce(GetIdCommand);
  });
});
