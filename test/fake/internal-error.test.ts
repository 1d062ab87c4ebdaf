// WIRE-15 and WIRE-8 need answers the model does not give today (a fault, a Date): the model's
// `step` is wrapped so a test can make it throw or answer what it wants.
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityCommand,
  InternalErrorException,
  ListIdentityPoolsCommand,
} from "@aws-sdk/client-cognito-identity";
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as Model from "../../src/model/index.js";

const hooks = vi.hoisted(() => ({ override: undefined as undefined | ((op: string) => unknown) }));

vi.mock("../../src/model/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof Model>();
  return {
    ...original,
    step: (state: Model.State, command: Model.RawCommand) => {
      if (hooks.override) {
        const answer = hooks.override(command.op);
        if (answer !== undefined) return answer;
      }
      return original.step(state, command);
    },
  };
});

const { createFake } = await import("../../src/fake/index.js");
const { expectAwsError, thrown } = await import("./sdk-suite.js");

const clientOf = (fake: ReturnType<typeof createFake>, maxAttempts = 1) =>
  new CognitoIdentityClient({
    region: "us-east-1",
    credentials: { accessKeyId: "123456789012", secretAccessKey: "s" },
    requestHandler: fake.requestHandler,
    maxAttempts,
  });

afterEach(() => {
  hooks.override = undefined;
});

describe("a fault inside the model", () => {
  it("WIRE-15: a throwing step is InternalErrorException 500, logged, the state unchanged, and the fake keeps serving", async () => {
    const lines: string[] = [];
    const fake = createFake({ seed: 1, log: (line) => lines.push(line) });
    const sdk = clientOf(fake);
    await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "before", AllowUnauthenticatedIdentities: true }));
    const before = fake.snapshot().state;

    hooks.override = (op) => {
      if (op === "CreateIdentityPool") throw new TypeError("a bug in the model");
      return undefined;
    };
    const error = await thrown(sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "during", AllowUnauthenticatedIdentities: true })));
    expectAwsError(error, InternalErrorException, "InternalErrorException", "An internal error occurred.", 500);
    expect(fake.snapshot().state).toEqual(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/internal error in CreateIdentityPool \(request [0-9a-f-]{36}\): TypeError: a bug in the model/);

    hooks.override = undefined;
    const listed = await sdk.send(new ListIdentityPoolsCommand({ MaxResults: 10 }));
    expect(listed.IdentityPools?.map((p) => p.IdentityPoolName)).toEqual(["before"]);
  });

  it("WIRE-15: a step that answers something that is not [state, result] is an internal error too", async () => {
    const fake = createFake({ log: () => {} });
    for (const garbage of [[null, { ok: true, output: {} }], [{}, { ok: false, error: "x" }], [{}, 42], "nonsense"]) {
      hooks.override = () => garbage;
      const error = await thrown(clientOf(fake).send(new ListIdentityPoolsCommand({ MaxResults: 1 })));
      expect(error.name).toBe("InternalErrorException");
    }
  });

  it("WIRE-15: an output that cannot be encoded (a cycle) is an internal error and the step's new state is dropped", async () => {
    const fake = createFake({ log: () => {} });
    const before = fake.snapshot().state;
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    hooks.override = () => [{ not: "the state" }, { ok: true, output: cyclic }];
    const error = await thrown(clientOf(fake).send(new ListIdentityPoolsCommand({ MaxResults: 1 })));
    expect(error.name).toBe("InternalErrorException");
    hooks.override = undefined;
    expect(fake.snapshot().state).toEqual(before);
  });

  it("WIRE-15: the SDK retries a 500 as it does against AWS", async () => {
    const fake = createFake({ log: () => {} });
    let calls = 0;
    hooks.override = () => {
      calls++;
      throw new Error("still broken");
    };
    const error = await thrown(clientOf(fake, 2).send(new ListIdentityPoolsCommand({ MaxResults: 1 })));
    expect(error.name).toBe("InternalErrorException");
    expect(error.$metadata.attempts).toBe(2);
    expect(calls).toBe(2);
  });

  it("WIRE-8: a Date in an output reaches the SDK as epoch seconds and comes back as the same Date", async () => {
    const fake = createFake();
    const created = new Date(Date.UTC(2024, 1, 29, 12, 0, 0, 250));
    const modified = new Date(Date.UTC(2024, 2, 1));
    hooks.override = (op) =>
      op === "DescribeIdentity"
        ? [fake.service.state, { ok: true, output: { IdentityId: "us-east-1:1", Logins: ["a"], CreationDate: created, LastModifiedDate: modified } }]
        : undefined;
    let wire = "";
    const handle = fake.requestHandler.handle.bind(fake.requestHandler);
    fake.requestHandler.handle = async (request, options) => {
      const answer = await handle(request, options);
      wire = Buffer.from(answer.response.body as Uint8Array).toString();
      return answer;
    };
    const described = await clientOf(fake).send(new DescribeIdentityCommand({ IdentityId: "us-east-1:1" }));
    expect(wire).toBe('{"IdentityId":"us-east-1:1","Logins":["a"],"CreationDate":1709208000.25,"LastModifiedDate":1709251200}');
    expect(described.CreationDate).toEqual(created);
    expect(described.LastModifiedDate).toEqual(modified);
  });
});
