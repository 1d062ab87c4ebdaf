// The in-process fake behind the real SDK client: the whole wire path (SDK serialization,
// protocol decoding and encoding, SDK deserialization) without a socket.
import { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import { createFake, type FakeOptions } from "../../fake/index.js";
import type { Target } from "../target.js";
import { emulatorCredentials } from "./http.js";
import { defaultAccount, defaultRegion } from "./model.js";
import { sdkTarget } from "./sdk.js";

export function fakeTarget(options: FakeOptions = {}): Target {
  const region = options.region ?? defaultRegion;
  const account = options.account ?? defaultAccount;
  const fake = createFake({ seed: 0x7a6e7, ...options, region, account });
  // The SDK addresses the fake as cognito-identity.<region>.amazonaws.com, so the Region shows (WIRE-24).
  const client = (clientRegion: string) =>
    new CognitoIdentityClient({ region: clientRegion, credentials: emulatorCredentials, requestHandler: fake.requestHandler, maxAttempts: 1 });
  return sdkTarget({
    name: "in-process fake",
    account,
    region,
    client,
    revealsRegion: true,
    reset: async () => fake.reset(),
  });
}
