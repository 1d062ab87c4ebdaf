// FAULT-5 as a property: over random command sequences with random faults, a call a fault answers
// leaves the model's state as it was, and the state at the end is the one the calls the model
// answered make without any faults.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Service } from "../../src/fake/service.js";
import { modeledErrors, type FaultSpec } from "../../src/fake/faults.js";
import type { RawCommand, State } from "../../src/model/index.js";
import { context, livePoolIds, plannedCommand, type Planned } from "../model/commands.js";
import { SIGNED } from "../server/raw.js";

const getId: fc.Arbitrary<Planned> = fc.nat().map((i) => (s: State) => {
  const ids = livePoolIds(s);
  return { op: "GetId", input: { IdentityPoolId: ids[i % Math.max(1, ids.length)] ?? "us-east-1:00000000-0000-4000-8000-000000000000" }, context };
});
const planned = fc.array(fc.oneof({ weight: 4, arbitrary: plannedCommand }, { weight: 1, arbitrary: getId }), { maxLength: 30 });

const OPERATIONS = ["CreateIdentityPool", "DescribeIdentityPool", "UpdateIdentityPool", "DeleteIdentityPool", "ListIdentityPools", "TagResource", "UntagResource", "ListTagsForResource", "GetId"];

const fault: fc.Arbitrary<FaultSpec> = fc
  .record({
    operation: fc.constantFrom(...OPERATIONS),
    errorIndex: fc.nat(),
    kind: fc.constantFrom("error", "error", "error", "timeout", "drop"),
    select: fc.oneof(
      fc.record({ times: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ every: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ nth: fc.integer({ min: 1, max: 5 }) }),
      fc.constant({}),
    ),
    byInput: fc.boolean(),
  })
  .map(({ operation, errorIndex, kind, select, byInput }) => {
    const errors = modeledErrors(operation);
    const action = kind === "error" ? { error: errors[errorIndex % errors.length]! } : kind === "timeout" ? { timeout: true } : { drop: true };
    return { operation, ...action, ...select, ...(byInput ? { when: (input: unknown) => JSON.stringify(input).length % 2 === 0 } : {}) };
  });

const request = (command: RawCommand) => ({
  method: "POST",
  path: "/",
  headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityService.${command.op}`, ...SIGNED },
  body: JSON.stringify(command.input),
});

const service = () => new Service({ seed: 7, now: () => context.now, log: () => {} });

describe("injected faults and the model's state", () => {
  it("FAULT-5: over random sequences with random faults, a faulted call leaves the state as it was, and the end state is that of the unfaulted calls alone", () => {
    let injected = 0;
    let answered = 0;
    fc.assert(
      fc.property(planned, fc.array(fault, { maxLength: 8 }), (plans, faults) => {
        const faulted = service();
        const plain = service();
        for (const spec of faults) faulted.testing.faults.add(spec);
        for (const plan of plans) {
          const command = plan(faulted.state);
          const before = faulted.state;
          const answer = faulted.respond(request(command));
          expect(answer).not.toBeInstanceOf(Promise);
          const call = faulted.testing.history.list().at(-1)!;
          if (call.fault !== undefined) {
            injected++;
            expect(faulted.state).toBe(before);
          } else {
            answered++;
            plain.respond(request(command));
          }
        }
        expect(faulted.snapshot().state).toEqual(plain.snapshot().state);
      }),
      { numRuns: 400 },
    );
    // The runs exercised both: calls the faults answered and calls the model answered.
    expect(injected).toBeGreaterThan(100);
    expect(answered).toBeGreaterThan(100);
  });
});
