import { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import { createFake, type Fake } from "../../src/fake/index.js";
import { ACCOUNT, REGION, sdkSuite, type ClientOptions } from "./sdk-suite.js";

let fake: Fake = createFake({ seed: 7 });

const clientOf = (f: Fake, options: ClientOptions = {}) =>
  new CognitoIdentityClient({
    region: options.region ?? REGION,
    credentials: { accessKeyId: options.accessKeyId ?? ACCOUNT, secretAccessKey: "secret" },
    requestHandler: f.requestHandler,
    maxAttempts: options.maxAttempts,
  });

sdkSuite("the in-process fake", () => ({
  client: (options) => clientOf(fake, options),
  reset: () => {
    fake = createFake({ seed: 7 });
  },
  withQuotas: async (quotas) => clientOf(createFake({ seed: 7, config: { quotas } })),
}));
