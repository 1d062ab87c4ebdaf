// Properties of the developer operations over random command sequences: an identifier has one owner
// at a time and the login index agrees (DEV-26), refused commands keep the state (ID-5), lookup
// pages list every identifier once (DEV-17), and lookups agree with ownership (DEV-15, DEV-16).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { step, type RawCommand, type State } from "../../src/model/index.js";
import { loginKey } from "../../src/model/identity-state.js";
import { ctx, fresh } from "./helpers.js";
import { FACEBOOK, GOOGLE, replayPlans, runPlans, login, providerPool, setRoles } from "./identity-helpers.js";

const DEV = "login.mycompany";
const LIMIT = 4;
const USERS = ["u0", "u1", "u2", "u3", "u4", "u5"];

interface World {
  state: State;
  poolId: string;
}

/** A pool with three developer identities (u1 also linked to Facebook user p0) and a guest. */
function world(seed: number): World {
  const [created, poolId] = providerPool(fresh({ seed, quotas: { linkedLoginsPerIdentity: LIMIT } }));
  let state = setRoles(created, poolId);
  for (const logins of [{ [DEV]: "u0" }, { [DEV]: "u1", ...login(FACEBOOK, "p0") }, { [DEV]: "u2" }]) {
    [state] = step(state, cmd("GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: poolId, Logins: logins }));
  }
  [state] = step(state, cmd("GetId", { IdentityPoolId: poolId }));
  return { state, poolId };
}

const identitiesOf = (w: World) => w.state.identities.values().map((i) => i.id).sort();
const pickIdentity = (w: World, i: number) => {
  const ids = identitiesOf(w);
  return ids.length === 0 ? "us-east-1:00000000-0000-4000-8000-000000000000" : ids[i % ids.length]!;
};
const cmd = (op: string, input: unknown): RawCommand => ({ op, input, context: ctx });

type Planned = (w: World) => RawCommand;

const user = fc.constantFrom(...USERS);
const provider = fc.oneof({ weight: 9, arbitrary: fc.constant(DEV) }, { weight: 1, arbitrary: fc.constant("login.other") });
const publicLogin = fc.option(
  fc.tuple(fc.constantFrom(FACEBOOK, GOOGLE), fc.integer({ min: 0, max: 2 })).map(([p, n]) => login(p, `p${n}`)),
  { nil: undefined },
);

const planned: fc.Arbitrary<Planned> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.tuple(provider, user, fc.option(fc.nat(), { nil: undefined, freq: 2 }), publicLogin).map(
      ([p, u, ref, extra]) => (w: World) =>
        cmd("GetOpenIdTokenForDeveloperIdentity", {
          IdentityPoolId: w.poolId,
          Logins: { [p]: u, ...extra },
          ...(ref === undefined ? {} : { IdentityId: pickIdentity(w, ref) }),
        }),
    ),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(provider, user, user).map(
      ([p, source, destination]) => (w: World) =>
        cmd("MergeDeveloperIdentities", { IdentityPoolId: w.poolId, DeveloperProviderName: p, SourceUserIdentifier: source, DestinationUserIdentifier: destination }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(provider, fc.option(fc.nat(), { nil: undefined, freq: 3 }), user).map(
      ([p, ref, u]) => (w: World) => {
        // Mostly the identifier's own identity, so that unlinks succeed as often as they are refused.
        const owner = w.state.poolData.values()[0]?.logins.get(loginKey(DEV, u))?.owner;
        const identityId = ref === undefined && owner !== undefined ? owner : pickIdentity(w, ref ?? 0);
        return cmd("UnlinkDeveloperIdentity", { IdentityPoolId: w.poolId, IdentityId: identityId, DeveloperProviderName: p, DeveloperUserIdentifier: u });
      },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.option(fc.nat(), { nil: undefined }), fc.option(user, { nil: undefined }), fc.integer({ min: 1, max: 3 })).map(
      ([ref, u, max]) => (w: World) =>
        cmd("LookupDeveloperIdentity", {
          IdentityPoolId: w.poolId,
          MaxResults: max,
          ...(ref === undefined ? {} : { IdentityId: pickIdentity(w, ref) }),
          ...(u === undefined ? {} : { DeveloperUserIdentifier: u }),
        }),
    ),
  },
  { weight: 2, arbitrary: publicLogin.map((extra) => (w: World) => cmd("GetId", { IdentityPoolId: w.poolId, ...(extra ? { Logins: extra } : {}) })) },
  { weight: 1, arbitrary: fc.nat().map((ref) => (w: World) => cmd("DeleteIdentities", { IdentityIdsToDelete: [pickIdentity(w, ref)] })) },
);

const runPlanned = (plans: Planned[], seed: number, visit?: (before: State, after: State, ok: boolean) => void): World =>
  runPlans(world, plans, seed, visit && ((before, after, result) => visit(before, after, result.ok)));

/** Identifier -> the identities that hold it. */
function holders(state: State): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const identity of state.identities.values()) {
    for (const l of identity.logins) if (l.provider === DEV) out.set(l.subject, [...(out.get(l.subject) ?? []), identity.id]);
  }
  return out;
}

function lookup(w: World, input: Record<string, unknown>) {
  return step(w.state, cmd("LookupDeveloperIdentity", { IdentityPoolId: w.poolId, ...input }))[1];
}

describe("developer identities over random command sequences", () => {
  const plans = fc.array(planned, { minLength: 5, maxLength: 40 });

  it("DEV-26: a developer user identifier is held by at most one identity at any time, and the login index names it", () => {
    fc.assert(
      fc.property(plans, (ps) => {
        runPlanned(ps, 1, (_before, after) => {
          const data = after.poolData.values()[0]!;
          for (const [identifier, ids] of holders(after)) {
            expect(ids).toHaveLength(1);
            expect(data.logins.get(loginKey(DEV, identifier))?.owner).toBe(ids[0]);
          }
          for (const identity of after.identities.values()) {
            expect(identity.logins.length).toBeLessThanOrEqual(LIMIT);
            if (identity.disabled) expect(identity.logins).toEqual([]);
          }
        });
      }),
    );
  });

  it("ID-5: a refused developer command returns the very state it was given", () => {
    fc.assert(
      fc.property(plans, (ps) => {
        runPlanned(ps, 2, (before, after, ok) => {
          if (!ok) expect(after).toBe(before);
        });
      }),
    );
  });

  it("DEV-15, DEV-16: lookups agree with ownership: by identifier finds the holder, and a holder with its identifier matches", () => {
    fc.assert(
      fc.property(plans, (ps) => {
        const w = runPlanned(ps, 3);
        const held = holders(w.state);
        for (const identifier of USERS) {
          const owner = held.get(identifier)?.[0];
          const byIdentifier = lookup(w, { DeveloperUserIdentifier: identifier });
          if (owner === undefined) expect(byIdentifier).toMatchObject({ ok: false, error: { type: "ResourceNotFoundException" } });
          else {
            expect(byIdentifier).toMatchObject({ ok: true, output: { IdentityId: owner } });
            expect(lookup(w, { DeveloperUserIdentifier: identifier, IdentityId: owner })).toMatchObject({ ok: true, output: { IdentityId: owner } });
          }
          for (const other of identitiesOf(w).filter((id) => id !== owner)) {
            expect(lookup(w, { DeveloperUserIdentifier: identifier, IdentityId: other })).toMatchObject({ ok: false, error: { type: "ResourceConflictException" } });
          }
        }
      }),
    );
  });

  it("DEV-17: lookup pages list every identifier of an identity exactly once, in order, whatever the page size", () => {
    fc.assert(
      fc.property(plans, fc.integer({ min: 1, max: 5 }), (ps, pageSize) => {
        const w = runPlanned(ps, 4);
        for (const identity of w.state.identities.values()) {
          const listed: string[] = [];
          let token: string | undefined;
          do {
            const result = lookup(w, { IdentityId: identity.id, MaxResults: pageSize, ...(token ? { NextToken: token } : {}) });
            if (!result.ok) throw new Error(result.error.message);
            const page = result.output as { DeveloperUserIdentifierList: string[]; NextToken?: string };
            expect(page.DeveloperUserIdentifierList.length).toBeLessThanOrEqual(pageSize);
            listed.push(...page.DeveloperUserIdentifierList);
            token = page.NextToken;
          } while (token);
          const expected = identity.logins.filter((l) => l.provider === DEV).map((l) => l.subject).sort();
          expect(listed).toEqual(expected);
        }
      }),
    );
  });

  it("ID-2: the same seed and developer commands give the same results and states", () => {
    fc.assert(
      fc.property(plans, fc.integer(), (ps, seed) => {
        expect(replayPlans(world, ps, seed)).toEqual(replayPlans(world, ps, seed));
      }),
      { numRuns: 30 },
    );
  });
});
