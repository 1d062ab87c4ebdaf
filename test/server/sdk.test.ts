import { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll } from "vitest";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { ACCOUNT, REGION, sdkSuite, type ClientOptions } from "../fake/sdk-suite.js";

let server: RunningServer;
const extra: RunningServer[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 7 });
});
afterAll(async () => {
  await Promise.all([server, ...extra].map((s) => s.close()));
});

const clientOf = (url: string, options: ClientOptions = {}) =>
  new CognitoIdentityClient({
    region: options.region ?? REGION,
    endpoint: url,
    credentials: { accessKeyId: options.accessKeyId ?? ACCOUNT, secretAccessKey: "secret" },
    maxAttempts: options.maxAttempts,
  });

sdkSuite("the HTTP server", () => ({
  client: (options) => clientOf(server.url, options),
  reset: () => server.service.reset(),
  withQuotas: async (quotas) => {
    const limited = await startServer({ port: 0, seed: 7, config: { quotas } });
    extra.push(limited);
    return clientOf(limited.url);
  },
}));
