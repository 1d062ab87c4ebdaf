import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { initialState, poolArn, snapshotState, step, type RawCommand, type State } from "../../src/model/index.js";
import { context, livePoolIds, plannedCommands, runPlanned } from "./commands.js";

const allOperations = [
  "CreateIdentityPool", "DeleteIdentities", "DeleteIdentityPool", "DescribeIdentity", "DescribeIdentityPool",
  "GetCredentialsForIdentity", "GetId", "GetIdentityPoolRoles", "GetOpenIdToken", "GetOpenIdTokenForDeveloperIdentity",
  "GetPrincipalTagAttributeMap", "ListIdentities", "ListIdentityPools", "ListTagsForResource", "LookupDeveloperIdentity",
  "MergeDeveloperIdentities", "SetIdentityPoolRoles", "SetPrincipalTagAttributeMap", "TagResource", "UnlinkDeveloperIdentity",
  "UnlinkIdentity", "UntagResource", "UpdateIdentityPool",
];

describe("model properties over random command sequences", () => {
  it("ID-5: a refused command returns the very state it was given", () => {
    fc.assert(
      fc.property(plannedCommands, (planned) => {
        runPlanned(planned, 1, (before, _command, after, result) => {
          if (!result.ok) expect(after).toBe(before);
        });
      }),
    );
  });

  it("ID-5: a refused command leaves the state's snapshot unchanged", () => {
    fc.assert(
      fc.property(plannedCommands, (planned) => {
        runPlanned(planned, 1, (before, command, after, result) => {
          if (!result.ok) expect(snapshotState(after)).toEqual(snapshotState(before));
          else if (command.op === "ListIdentityPools" || command.op.startsWith("Describe") || command.op.startsWith("ListTags")) {
            expect(snapshotState(after)).toEqual(snapshotState(before));
          }
        });
      }),
    );
  });

  it("ID-2: the same seed and commands give deep-equal results and states", () => {
    fc.assert(
      fc.property(plannedCommands, fc.integer(), (planned, seed) => {
        const first: unknown[] = [];
        const second: unknown[] = [];
        const a = runPlanned(planned, seed, (_b, _c, _a, r) => first.push(r));
        const b = runPlanned(planned, seed, (_b, _c, _a, r) => second.push(r));
        expect(second).toEqual(first);
        expect(snapshotState(b)).toEqual(snapshotState(a));
      }),
    );
  });

  it("TAG-4: no pool ever holds more than 50 tags", () => {
    fc.assert(
      fc.property(plannedCommands, (planned) => {
        runPlanned(planned, 1, (_before, _command, after) => {
          for (const id of livePoolIds(after)) {
            const [, described] = step(after, { op: "DescribeIdentityPool", input: { IdentityPoolId: id }, context });
            expect(described.ok && Object.keys(described.output.IdentityPoolTags ?? {}).length).toBeLessThanOrEqual(50);
          }
        });
      }),
    );
  });

  it("TAG-3: DescribeIdentityPool and ListTagsForResource always agree", () => {
    fc.assert(
      fc.property(plannedCommands, (planned) => {
        const state = runPlanned(planned);
        for (const id of livePoolIds(state)) {
          const [, described] = step(state, { op: "DescribeIdentityPool", input: { IdentityPoolId: id }, context });
          const [, listed] = step(state, {
            op: "ListTagsForResource",
            input: { ResourceArn: poolArn(context.account, context.region, id) },
            context,
          });
          expect(described.ok && listed.ok).toBe(true);
          if (described.ok && listed.ok) expect(listed.output.Tags).toEqual(described.output.IdentityPoolTags);
        }
      }),
    );
  });

  it("LIST-6: paging visits every pool that lives throughout exactly once, while pools come and go between pages", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.oneof(fc.constant("create" as const), fc.nat().map((n) => ({ delete: n }))), { maxLength: 20 }),
        (initial, pageSize, churn) => {
          let state: State = initialState({ seed: 3 });
          for (let i = 0; i < initial; i++) {
            [state] = step(state, { op: "CreateIdentityPool", input: { IdentityPoolName: `p${i}`, AllowUnauthenticatedIdentities: true }, context });
          }
          const before = new Set(livePoolIds(state));
          const deleted = new Set<string>();
          const seen: string[] = [];
          let token: string | undefined;
          let pages = 0;
          do {
            const [, page] = step(state, { op: "ListIdentityPools", input: { MaxResults: pageSize, ...(token ? { NextToken: token } : {}) }, context });
            if (!page.ok) throw new Error(page.error.message);
            expect(page.output.IdentityPools!.length).toBeLessThanOrEqual(pageSize);
            seen.push(...page.output.IdentityPools!.map((p) => p.IdentityPoolId!));
            token = page.output.NextToken;
            const change = churn[pages++];
            if (change === "create") {
              [state] = step(state, { op: "CreateIdentityPool", input: { IdentityPoolName: "late", AllowUnauthenticatedIdentities: true }, context });
            } else if (change) {
              const live = livePoolIds(state);
              const victim = live[change.delete % Math.max(1, live.length)];
              if (victim) {
                deleted.add(victim);
                [state] = step(state, { op: "DeleteIdentityPool", input: { IdentityPoolId: victim }, context });
              }
            }
          } while (token);
          expect(new Set(seen).size).toBe(seen.length);
          for (const id of before) if (!deleted.has(id)) expect(seen).toContain(id);
        },
      ),
    );
  });

  it("ID-8: step never throws, whatever the operation name and input", () => {
    const op = fc.oneof(fc.constantFrom(...allOperations), fc.string());
    fc.assert(
      fc.property(op, fc.jsonValue(), plannedCommands, (name, input, planned) => {
        const state = runPlanned(planned);
        const command: RawCommand = { op: name, input, context };
        const [next, result] = step(state, command);
        expect(typeof result.ok).toBe("boolean");
        if (!result.ok) {
          expect(next).toBe(state);
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("ID-8: step never throws on inputs shaped like the operation's with members of any JSON kind", () => {
    const member = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    const input = fc.record({
      IdentityPoolId: member,
      IdentityPoolName: member,
      AllowUnauthenticatedIdentities: member,
      SupportedLoginProviders: member,
      CognitoIdentityProviders: fc.oneof(member, fc.array(fc.dictionary(fc.constantFrom("ProviderName", "ClientId", "ServerSideTokenCheck"), fc.jsonValue()))),
      IdentityPoolTags: member,
      MaxResults: member,
      NextToken: member,
      ResourceArn: member,
      Tags: member,
      TagKeys: member,
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.constantFrom(...allOperations), input, (name, value) => {
        const state = runPlanned([]);
        const [, result] = step(state, { op: name, input: value, context });
        expect(typeof result.ok).toBe("boolean");
      }),
    );
  });
});
