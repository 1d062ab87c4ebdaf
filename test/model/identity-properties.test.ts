// Properties of the identity operations over random command sequences: refused commands keep the
// state, logins stay consistent (IDN-7, IDN-8), paging lists every identity once (IDN-17).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RawCommand, State } from "../../src/model/index.js";
import { loginKey, type Identity } from "../../src/model/identity-state.js";
import { ctx, fresh, NOW } from "./helpers.js";
import { FACEBOOK, GOOGLE, replayPlans, runPlans, listAll, login, OIDC, providerPool, setRoles, USER_POOL } from "./identity-helpers.js";

const PROVIDERS = [FACEBOOK, GOOGLE, USER_POOL, OIDC];
const LIMIT = 3;

interface World {
  state: State;
  pools: string[];
}

function world(seed: number): World {
  let [state, guests] = providerPool(fresh({ seed, quotas: { linkedLoginsPerIdentity: LIMIT } }));
  let members: string;
  [state, members] = providerPool(state, { AllowUnauthenticatedIdentities: false });
  state = setRoles(setRoles(state, guests), members);
  return { state, pools: [guests, members] };
}

const identityIds = (state: State) => state.identities.values().map((i) => i.id).sort();

type Planned = (w: World) => RawCommand;

const loginSpec = fc.record({ provider: fc.constantFrom(...PROVIDERS), user: fc.integer({ min: 0, max: 3 }), expired: fc.boolean() });
const loginsArb = fc.array(loginSpec, { maxLength: 3 }).map((specs) =>
  Object.assign({}, ...specs.map((s) => login(s.provider, `u${s.user}`, s.expired && s.user === 3 ? { exp: 1 } : {}))) as Record<string, string>,
);
const ref = fc.nat();
const pickIdentity = (w: World, i: number) => {
  const ids = identityIds(w.state);
  return ids.length === 0 ? "us-east-1:00000000-0000-4000-8000-000000000000" : ids[i % ids.length]!;
};
/** The identity's own logins (all, or the first), then the random ones: links, merges and conflicts follow. */
function loginsFor(w: World, identityId: string, own: number, extra: Record<string, string> | undefined): Record<string, string> | undefined {
  const linked = w.state.identities.get(identityId)?.logins ?? [];
  const mine = own === 0 ? [] : own === 1 ? linked.slice(0, 1) : linked;
  const logins = { ...Object.assign({}, ...mine.map((l) => login(l.provider, l.subject))), ...extra };
  return Object.keys(logins).length === 0 && extra === undefined ? undefined : logins;
}
const cmd = (op: string, input: unknown, now = NOW): RawCommand => ({ op, input, context: { ...ctx, now } });
const identityCall = (op: string) =>
  fc.tuple(ref, fc.integer({ min: 0, max: 2 }), fc.option(loginsArb, { nil: undefined })).map(
    ([i, own, extra]) => (w: World) => {
      const id = pickIdentity(w, i);
      const logins = loginsFor(w, id, own, extra);
      return cmd(op, { IdentityId: id, ...(logins ? { Logins: logins } : {}) });
    },
  );

const planned: fc.Arbitrary<Planned> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.nat(1), fc.option(loginsArb, { nil: undefined })).map(
      ([p, logins]) => (w: World) => cmd("GetId", { IdentityPoolId: w.pools[p], ...(logins ? { Logins: logins } : {}) }),
    ),
  },
  { weight: 3, arbitrary: identityCall("GetOpenIdToken") },
  { weight: 2, arbitrary: identityCall("GetCredentialsForIdentity") },
  {
    weight: 2,
    arbitrary: fc.tuple(ref, fc.integer({ min: 0, max: 2 }), fc.option(loginsArb, { nil: undefined }), fc.subarray(PROVIDERS)).map(
      ([i, own, extra, remove]) => (w: World) => {
        const id = pickIdentity(w, i);
        return cmd("UnlinkIdentity", { IdentityId: id, Logins: loginsFor(w, id, own, extra) ?? {}, LoginsToRemove: remove });
      },
    ),
  },
  fc.array(ref, { minLength: 1, maxLength: 3 }).map((is) => (w: World) => cmd("DeleteIdentities", { IdentityIdsToDelete: is.map((i) => pickIdentity(w, i)) })),
  ref.map((i) => (w: World) => cmd("DescribeIdentity", { IdentityId: pickIdentity(w, i) })),
  fc.tuple(fc.nat(1), fc.integer({ min: 0, max: 61 }), fc.boolean()).map(([p, max, hide]) => (w: World) => cmd("ListIdentities", { IdentityPoolId: w.pools[p], MaxResults: max, HideDisabled: hide })),
);

const runPlanned = (plans: Planned[], seed: number, visit?: (before: State, after: State, ok: boolean) => void): World =>
  runPlans(world, plans, seed, visit && ((before, after, result) => visit(before, after, result.ok)));

/** IDN-7, IDN-8 and the login index agree with the identities. */
function checkLogins(state: State): void {
  const identities: Identity[] = state.identities.values();
  for (const identity of identities) {
    const providers = identity.logins.map((l) => l.provider);
    expect(new Set(providers).size).toBe(providers.length);
    expect(identity.logins.length).toBeLessThanOrEqual(LIMIT);
    if (identity.disabled) expect(identity.logins).toEqual([]);
    const data = state.poolData.get(identity.pool)!;
    for (const l of identity.logins) expect(data.logins.get(loginKey(l.provider, l.subject))?.owner).toBe(identity.id);
  }
  const linked = identities.reduce((n, i) => n + i.logins.length, 0);
  expect(state.poolData.values().reduce((n, d) => n + d.logins.size, 0)).toBe(linked);
}

describe("identity properties over random command sequences", () => {
  const plans = fc.array(planned, { minLength: 5, maxLength: 40 });

  it("ID-5: a refused identity command returns the very state it was given", () => {
    fc.assert(
      fc.property(plans, (ps) => {
        runPlanned(ps, 1, (before, after, ok) => {
          if (!ok) expect(after).toBe(before);
        });
      }),
    );
  });

  it("IDN-7, IDN-8: no identity ever holds two logins of one provider or more than the limit; the login index agrees", () => {
    fc.assert(
      fc.property(plans, (ps) => {
        runPlanned(ps, 2, (_before, after) => checkLogins(after));
      }),
    );
  });

  it("IDN-17: ListIdentities pages list every identity of the pool exactly once, whatever the page size", () => {
    fc.assert(
      fc.property(plans, fc.integer({ min: 1, max: 60 }), (ps, pageSize) => {
        const w = runPlanned(ps, 3);
        for (const poolId of w.pools) {
          const listed = listAll(w.state, poolId, pageSize).map((i) => i.IdentityId);
          const expected = w.state.identities.values().filter((i) => w.state.poolData.get(i.pool)?.poolId === poolId).map((i) => i.id);
          expect(listed.length).toBe(new Set(listed).size);
          expect([...listed].sort()).toEqual([...expected].sort());
          const visible = listAll(w.state, poolId, pageSize, true).map((i) => i.IdentityId);
          expect(visible).toEqual(listed.filter((id) => !w.state.identities.get(id)!.disabled));
        }
      }),
    );
  });

  it("ID-2: the same seed and identity commands give the same results, tokens and credentials included", () => {
    fc.assert(
      fc.property(plans, fc.integer(), (ps, seed) => {
        expect(replayPlans(world, ps, seed)).toEqual(replayPlans(world, ps, seed));
      }),
      { numRuns: 30 },
    );
  });
});
