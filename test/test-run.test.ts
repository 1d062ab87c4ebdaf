// The test run itself (vitest.config.ts): the SDK's notice that its 2027 releases need Node 22 is
// silenced, no other warning.
import { CognitoIdentityClient, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import { STSClient } from "@aws-sdk/client-sts";
import { expect, it } from "vitest";
import { createFake } from "../src/fake/index.js";

it("SDK clients print no NodeVersionSupportWarning during the tests, and warnings stay on", async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on("warning", onWarning);
  try {
    const fake = createFake();
    const config = { region: "us-east-1", credentials: { accessKeyId: "123456789012", secretAccessKey: "s" }, requestHandler: fake.requestHandler };
    await new CognitoIdentityClient(config).send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    new STSClient(config);
    // process.emitWarning delivers on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", onWarning);
  }
  expect(warnings).toEqual([]);
  expect(process.env.NODE_NO_WARNINGS).toBeUndefined();
  expect([...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(" ")]).not.toContain("--no-warnings");
});
