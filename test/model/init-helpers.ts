// What the init tests use from the model, and random identity histories to export (INIT-5, INIT-6).
import fc from "fast-check";
import { step, type RawCommand, type State } from "../../src/model/index.js";
import { ctx, fresh, NOW, okOutput, run } from "./helpers.js";
import { AUTH_ROLE, CLIENT, FACEBOOK, GOOGLE, login, OIDC, providerPool, setRoles, USER_POOL } from "./identity-helpers.js";

export { applyInit, exportInit, initialState, step, type InitFile, type RawCommand, type State } from "../../src/model/index.js";
export { uuidFor as uuidForTest } from "../../src/model/ids.js";

export const PROVIDERS = [FACEBOOK, GOOGLE, USER_POOL, OIDC];
const DEV = "login.mycompany";
export interface World {
  state: State;
  pools: string[];
}
const cmd = (op: string, input: unknown, now: number): RawCommand => ({ op, input, context: { ...ctx, now } });
const pickIdentity = (w: World, i: number) => {
  const ids = w.state.identities.values().map((x) => x.id).sort();
  return ids.length === 0 ? "us-east-1:00000000-0000-4000-8000-000000000000" : ids[i % ids.length]!;
};
const loginsArb = fc.array(fc.record({ provider: fc.constantFrom(...PROVIDERS), user: fc.nat(3) }), { minLength: 1, maxLength: 2 }).map((ls) => Object.assign({}, ...ls.map((l) => login(l.provider, `u${l.user}`))) as Record<string, string>);
type Plan = (w: World) => RawCommand;
export const plan: fc.Arbitrary<[Plan, number]> = fc.tuple(
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.tuple(fc.nat(2), fc.option(loginsArb, { nil: undefined })).map(([p, logins]): Plan => (w) => cmd("GetId", { IdentityPoolId: w.pools[p % w.pools.length], ...(logins ? { Logins: logins } : {}) }, 0)),
    },
    fc.tuple(fc.nat(2), fc.nat(4), fc.option(fc.nat(), { nil: undefined })).map(([p, user, i]): Plan => (w) =>
      cmd("GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: w.pools[p % w.pools.length], Logins: { [DEV]: `dev${user}` }, ...(i === undefined ? {} : { IdentityId: pickIdentity(w, i) }) }, 0),
    ),
    {
      weight: 3,
      arbitrary: fc.nat().map((i): Plan => (w) => {
        const id = pickIdentity(w, i);
        const mine = w.state.identities.get(id)?.logins.find((l) => l.provider !== DEV);
        return cmd("UnlinkIdentity", { IdentityId: id, Logins: mine ? login(mine.provider, mine.subject) : {}, LoginsToRemove: mine ? [mine.provider] : [] }, 0);
      }),
    },
    fc.tuple(fc.nat(2), fc.nat(4), fc.nat(4)).map(([p, a, b]): Plan => (w) =>
      cmd("MergeDeveloperIdentities", { IdentityPoolId: w.pools[p % w.pools.length], DeveloperProviderName: DEV, SourceUserIdentifier: `dev${a}`, DestinationUserIdentifier: `dev${b}` }, 0),
    ),
    fc.nat().map((i): Plan => (w) => cmd("DeleteIdentities", { IdentityIdsToDelete: [pickIdentity(w, i)] }, 0)),
    fc.tuple(fc.nat(2), fc.boolean(), fc.dictionary(fc.constantFrom("k1", "k2"), fc.string({ maxLength: 3 }), { maxKeys: 2 })).map(([p, allow, tags]): Plan => (w) =>
      cmd("UpdateIdentityPool", { ...poolSettings(w.state, w.pools[p % w.pools.length]!), AllowUnauthenticatedIdentities: allow, IdentityPoolTags: tags }, 0),
    ),
    fc.tuple(fc.nat(2), fc.constantFrom(...PROVIDERS), fc.boolean()).map(([p, provider, defaults]): Plan => (w) =>
      cmd("SetPrincipalTagAttributeMap", { IdentityPoolId: w.pools[p % w.pools.length], IdentityProviderName: provider, UseDefaults: defaults, PrincipalTags: defaults ? {} : { dept: "custom:dept" } }, 0),
    ),
    fc.tuple(fc.nat(2), fc.boolean()).map(([p, mapped]): Plan => (w) =>
      cmd("SetIdentityPoolRoles", { IdentityPoolId: w.pools[p % w.pools.length], Roles: { authenticated: AUTH_ROLE }, ...(mapped ? { RoleMappings: { [`${USER_POOL}:${CLIENT}`]: { Type: "Token", AmbiguousRoleResolution: "Deny" } } } : {}) }, 0),
    ),
    fc.nat(2).map((p): Plan => (w) => cmd("DeleteIdentityPool", { IdentityPoolId: w.pools[p % w.pools.length] }, 0)),
  ),
  fc.integer({ min: 0, max: 86_400_000 }),
);

function poolSettings(state: State, id: string): Record<string, unknown> {
  const [, described] = run(state, "DescribeIdentityPool", { IdentityPoolId: id });
  return described.ok ? (described.output as Record<string, unknown>) : { IdentityPoolId: id, IdentityPoolName: "gone", AllowUnauthenticatedIdentities: true };
}

/** What the public operations answer about every pool of the world's account and Region, and each identity. */
export function observed(state: State): unknown[] {
  const pools = okOutput<{ IdentityPools: { IdentityPoolId: string }[] }>(run(state, "ListIdentityPools", { MaxResults: 60 })[1]).IdentityPools;
  return pools.map(({ IdentityPoolId }) => {
    const ask = (op: string, input: Record<string, unknown> = {}) => run(state, op, { IdentityPoolId, ...input })[1];
    const identities = okOutput<{ Identities: { IdentityId: string }[] }>(ask("ListIdentities", { MaxResults: 60 })).Identities;
    return {
      pool: ask("DescribeIdentityPool"),
      roles: ask("GetIdentityPoolRoles"),
      tags: PROVIDERS.map((IdentityProviderName) => ask("GetPrincipalTagAttributeMap", { IdentityProviderName })),
      identities: identities.map(({ IdentityId }) => run(state, "DescribeIdentity", { IdentityId })[1]),
      developers: [0, 1, 2, 3, 4].map((n) => ask("LookupDeveloperIdentity", { DeveloperUserIdentifier: `dev${n}` })),
    };
  });
}

export function world(seed: number): World {
  let [state, a] = providerPool(fresh({ seed, quotas: { linkedLoginsPerIdentity: 3 } }));
  let b: string;
  [state, b] = providerPool(state, { AllowUnauthenticatedIdentities: false });
  state = setRoles(state, a);
  const [withThird, third] = step(state, { op: "CreateIdentityPool", input: { IdentityPoolName: "other", AllowUnauthenticatedIdentities: true }, context: { account: "210987654321", region: "eu-west-1", now: NOW } });
  okOutput(third);
  return { state: withThird, pools: [a, b] };
}


/** The world after `plans`, each a command and how much later than the one before it runs. */
export function history(plans: [Plan, number][], seed: number): World {
  const w = world(seed);
  let now = NOW;
  for (const [p, later] of plans) {
    now += later;
    const command = p(w);
    w.state = step(w.state, { ...command, context: { ...command.context, now } } as RawCommand)[0];
  }
  return w;
}

export const histories = fc.tuple(fc.array(plan, { maxLength: 40 }), fc.integer());
