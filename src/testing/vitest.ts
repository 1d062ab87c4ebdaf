// cognito-identity-model/vitest: the matchers registered with vitest's `expect`, and a `test` with
// fixtures: `fake`, `client` and `pool` fresh for each test (createTestbed), and `cognitoServer`,
// one server per worker, reset before each test that uses it; `cognitoTest(options)` makes one
// with other testbed options. Needs vitest (an optional peer).
import { expect, test as base } from "vitest";
import type { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import type { Fake } from "../fake/index.js";
import type { RunningServer } from "../server/index.js";
import type { PoolSetup } from "./builders.js";
import { cognitoMatchers, type CognitoMatchers } from "./matchers.js";
import { createTestbed, sharedServer, type Testbed, type TestbedOptions } from "./testbed.js";

expect.extend(cognitoMatchers);

declare module "vitest" {
  interface Matchers<T = any> extends CognitoMatchers<T> {}
}

export interface CognitoFixtures {
  /** The fake, client, pool and app client configuration together. */
  cognito: Testbed;
  fake: Fake;
  client: CognitoIdentityClient;
  pool: PoolSetup;
  /** The worker's server (sharedServer), reset for this test. */
  cognitoServer: RunningServer;
}

/** A `test` whose testbeds are made with these options: the client's `retryStrategy`, the fake's `seed`, the pool's roles. */
export function cognitoTest(options: TestbedOptions = {}) {
  return base.extend<CognitoFixtures>({
    cognito: async ({}, use) => {
      const bed = await createTestbed(options);
      await use(bed);
      bed.client.destroy();
    },
    fake: async ({ cognito }, use) => use(cognito.fake),
    client: async ({ cognito }, use) => use(cognito.client),
    pool: async ({ cognito }, use) => use(cognito.pool),
    cognitoServer: async ({}, use) => {
      const server = await sharedServer();
      server.service.reset();
      await use(server);
    },
  });
}

/** `test` with the fixtures of a default testbed. */
export const test = cognitoTest();

export { cognitoMatchers, type CognitoMatchers } from "./matchers.js";
