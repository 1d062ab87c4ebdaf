// HIST-7: the matchers over the call history, registered here by hand as a user of
// cognito-identity-model/testing would (the vitest entry point has its own test).
import { CreateIdentityPoolCommand, DescribeIdentityPoolCommand, GetIdCommand, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import { describe, expect, it } from "vitest";
import { cognitoMatchers, createTestbed, type CognitoMatchers } from "../../src/testing/index.js";

expect.extend(cognitoMatchers);
declare module "vitest" {
  interface Matchers<T = any> extends CognitoMatchers<T> {}
}

describe("matchers over the history", () => {
  it("HIST-7: each matcher passes on the calls it names and fails, listing the calls, on others", async () => {
    const { fake, client, pool } = await createTestbed();
    const { IdentityPoolId } = pool;
    expect(fake).not.toHaveReceivedAnyCommand();
    await client.send(new GetIdCommand({ IdentityPoolId }));
    await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId }));
    await client.send(new GetIdCommand({ IdentityPoolId, AccountId: "123456789012" }));

    expect(fake).toHaveReceivedAnyCommand();
    expect(fake).toHaveReceivedCommand(GetIdCommand);
    expect(fake).toHaveReceivedCommand(GetIdCommand, { IdentityPoolId });
    expect(fake).toHaveReceivedCommand("DescribeIdentityPool");
    expect(fake).not.toHaveReceivedCommand(CreateIdentityPoolCommand);
    expect(fake).toHaveReceivedCommandTimes(GetIdCommand, 2);
    expect(fake).toHaveReceivedCommandOnce(DescribeIdentityPoolCommand);
    expect(fake).toHaveReceivedCommandWith(GetIdCommand, { AccountId: expect.stringMatching(/^\d{12}$/) });
    expect(fake).toHaveReceivedCommandExactlyOnceWith(DescribeIdentityPoolCommand, { IdentityPoolId });
    expect(fake).not.toHaveReceivedCommandExactlyOnceWith(GetIdCommand, { IdentityPoolId });
    expect(fake).toHaveReceivedNthCommandWith(GetIdCommand, 3, { AccountId: "123456789012" });
    expect(fake).not.toHaveReceivedNthCommandWith(GetIdCommand, 2, { IdentityPoolId });
    expect(fake).toHaveReceivedNthSpecificCommandWith(GetIdCommand, 2, { AccountId: "123456789012" });
    expect(fake).toHaveReceivedLastCommandWith(GetIdCommand, { IdentityPoolId, AccountId: "123456789012" });
    expect(fake).not.toHaveReceivedLastCommandWith(GetIdCommand, { AccountId: "210987654321" });
    expect(fake.calls).toHaveReceivedCommandTimes(GetIdCommand, 2);

    expect(() => expect(fake).toHaveReceivedCommand(ListIdentityPoolsCommand)).toThrow(
      /expected the fake to have received ListIdentityPools; it received 3 calls:\n  #0 GetId \{"IdentityPoolId":"us-east-1:[0-9a-f-]+"\} -> ok\n  #1 DescribeIdentityPool/,
    );
    expect(() => expect(fake).not.toHaveReceivedCommandTimes(GetIdCommand, 2)).toThrow(/expected the fake not to have received GetId 2 times/);
    expect(() => expect(42).toHaveReceivedAnyCommand()).toThrow(/expected a fake, or a list of its calls, got 42/);
  });
});
