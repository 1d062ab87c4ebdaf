// The in-process fake behind the real SDK client: the whole wire path (SDK serialization,
// protocol decoding and encoding, SDK deserialization) without a socket.
import { createFake, type FakeOptions } from "../../fake/index.js";
import { conformanceRoles } from "../arbitraries/roles.js";
import type { Target } from "../target.js";
import { emulatorCredentials } from "./http.js";
import { defaultAccount, defaultRegion } from "./model.js";
import { sdkClient, sdkTarget, type ClientKey } from "./sdk.js";

export function fakeTarget(options: FakeOptions = {}): Target {
  const region = options.region ?? defaultRegion;
  const account = options.account ?? defaultAccount;
  const fake = createFake({ seed: 0x7a6e7, iamRoles: conformanceRoles, ...options, region, account });
  // The SDK addresses the fake as cognito-identity.<region>.amazonaws.com, so the Region shows (WIRE-24).
  const client = (key: ClientKey) => sdkClient(key, { credentials: emulatorCredentials, requestHandler: fake.requestHandler, maxAttempts: 1 });
  return sdkTarget({
    name: "in-process fake",
    account,
    region,
    client,
    revealsRegion: true,
    sharesSigningKey: options.config?.tokens?.signingKey === undefined,
    ours: true,
    reset: async () => fake.reset(),
  });
}
