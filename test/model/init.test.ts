// Init files (spec/init.md) and the seed operation behind them; ids given to CreateIdentityPool (ID-10).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyInit, exportInit, histories, history, initialState, observed, step, uuidForTest, type InitFile, type State } from "./init-helpers.js";
import { ctx, expectError, fresh, NOW, okOutput, run } from "./helpers.js";
import { AUTH_ROLE, FACEBOOK, FACEBOOK_APP, GOOGLE, login, OIDC, providerPool, UNAUTH_ROLE, USER_POOL } from "./identity-helpers.js";

const POOL_ID = "us-east-1:11111111-2222-4333-8444-555555555555";
const IDENTITY_ID = "us-east-1:99999999-2222-4333-8444-555555555555";
const defaults = { account: ctx.account, region: ctx.region, now: NOW };

function applied(file: unknown, state: State = fresh()): State {
  const result = applyInit(state, file, defaults);
  if (!result.ok) throw new Error(result.reason);
  return result.state;
}
const refusal = (file: unknown, state: State = fresh()) => {
  const result = applyInit(state, file, defaults);
  return result.ok ? "accepted" : result.reason;
};
const guestPool = { IdentityPoolName: "dev", AllowUnauthenticatedIdentities: true };
const seedIdentity = (state: State, input: unknown) => step(state, { service: "init", op: "CreateIdentity", input, context: ctx });

describe("ID-10: ids given to CreateIdentityPool", () => {
  it("ID-10: CreateIdentityPool gives the pool context.id; a malformed, foreign-Region or taken id is refused", () => {
    const [state, created] = step(fresh(), { op: "CreateIdentityPool", input: guestPool, context: { ...ctx, id: POOL_ID } });
    expect(okOutput(created).IdentityPoolId).toBe(POOL_ID);
    const again = (id: string) => step(state, { op: "CreateIdentityPool", input: guestPool, context: { ...ctx, id } })[1];
    expectError(again(POOL_ID), "ResourceConflictException", `The identity pool id '${POOL_ID}' is already taken.`);
    expectError(again("eu-west-1:11111111-2222-4333-8444-555555555556"), "InvalidParameterException", "The identity pool id 'eu-west-1:11111111-2222-4333-8444-555555555556' is not of the form us-east-1:<lowercase uuid>.");
    expectError(again("us-east-1:ABCDEF"), "InvalidParameterException", "The identity pool id 'us-east-1:ABCDEF' is not of the form us-east-1:<lowercase uuid>.");
    // Taken by an identity: ids are never reused whatever they name (ID-7).
    const [withGuest, guest] = run(state, "GetId", { IdentityPoolId: POOL_ID });
    const guestId = okOutput<{ IdentityId: string }>(guest).IdentityId;
    expectError(step(withGuest, { op: "CreateIdentityPool", input: guestPool, context: { ...ctx, id: guestId } })[1], "ResourceConflictException", `The identity pool id '${guestId}' is already taken.`);
  });

  it("ID-10: an id the seed's own generator would make later moves the generator past it, so it is never made again", () => {
    const seed = 5;
    const third = `us-east-1:${uuidForTest(seed, 2)}`;
    let [state] = step(fresh({ seed }), { op: "CreateIdentityPool", input: guestPool, context: { ...ctx, id: third } });
    expect(state.ids.counter).toBe(3);
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, result] = run(state, "CreateIdentityPool", guestPool);
      made.push(okOutput<{ IdentityPoolId: string }>(result).IdentityPoolId);
      state = next;
    }
    expect(made).not.toContain(third);
    // An id of another generator (another seed, or written by hand) leaves the counter alone.
    const [other] = step(fresh({ seed }), { op: "CreateIdentityPool", input: guestPool, context: { ...ctx, id: POOL_ID } });
    expect(other.ids.counter).toBe(0);
  });

  it("ID-10: without context.id the generator's id, as before", () => {
    const [, given] = step(fresh(), { op: "CreateIdentityPool", input: guestPool, context: ctx });
    const [, plain] = run(fresh(), "CreateIdentityPool", guestPool);
    expect(okOutput(given)).toEqual(okOutput(plain));
  });
});

describe("INIT-1: an init file applied as commands", () => {
  it("INIT-1: a pool with every setting, tags, roles, role mappings, principal-tag maps and identities answers as the operations made it", () => {
    const state = applied({
      version: 1,
      pools: [
        {
          IdentityPoolId: POOL_ID,
          IdentityPoolName: "app",
          AllowUnauthenticatedIdentities: true,
          AllowClassicFlow: true,
          SupportedLoginProviders: { [FACEBOOK]: FACEBOOK_APP },
          DeveloperProviderName: "login.dev",
          CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "client1" }],
          IdentityPoolTags: { team: "web" },
          roles: { Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE }, RoleMappings: { [`${USER_POOL}:client1`]: { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" } } },
          principalTags: [{ IdentityProviderName: USER_POOL, UseDefaults: false, PrincipalTags: { dept: "custom:dept" } }],
          identities: [
            { IdentityId: IDENTITY_ID },
            { Logins: login(FACEBOOK, "fb-user") },
            { DeveloperUserIdentifiers: ["alice", "alice-2"] },
            { linkedLogins: [{ provider: USER_POOL, subject: "u-1" }], created: "2024-01-01T00:00:00Z", modified: "2024-02-01T00:00:00Z" },
          ],
        },
        { IdentityPoolName: "second", AllowUnauthenticatedIdentities: false, account: "210987654321", region: "eu-west-1" },
      ],
    });
    const described = okOutput(run(state, "DescribeIdentityPool", { IdentityPoolId: POOL_ID })[1]);
    expect(described).toMatchObject({ IdentityPoolName: "app", AllowClassicFlow: true, DeveloperProviderName: "login.dev", IdentityPoolTags: { team: "web" } });
    expect(okOutput(run(state, "GetIdentityPoolRoles", { IdentityPoolId: POOL_ID })[1])).toMatchObject({ Roles: { authenticated: AUTH_ROLE }, RoleMappings: { [`${USER_POOL}:client1`]: { Type: "Token" } } });
    expect(okOutput(run(state, "GetPrincipalTagAttributeMap", { IdentityPoolId: POOL_ID, IdentityProviderName: USER_POOL })[1])).toMatchObject({ PrincipalTags: { dept: "custom:dept" } });
    const listed = okOutput<{ Identities: { IdentityId: string; Logins?: string[]; CreationDate: number; LastModifiedDate: number }[] }>(
      run(state, "ListIdentities", { IdentityPoolId: POOL_ID, MaxResults: 10 })[1],
    ).Identities;
    expect(listed.map((i) => i.Logins ?? [])).toEqual([[], [FACEBOOK], ["login.dev"], [USER_POOL]]);
    expect(listed[0]!.IdentityId).toBe(IDENTITY_ID);
    expect(listed[3]).toMatchObject({ CreationDate: new Date("2024-01-01T00:00:00Z"), LastModifiedDate: new Date("2024-02-01T00:00:00Z") });
    // The developer identifiers are the developer provider's logins, found by LookupDeveloperIdentity.
    const lookup = okOutput<{ IdentityId: string }>(run(state, "LookupDeveloperIdentity", { IdentityPoolId: POOL_ID, DeveloperUserIdentifier: "alice-2" })[1]);
    expect(lookup.IdentityId).toBe(listed[2]!.IdentityId);
    // The guest gets credentials with no other setup; the pool of the other account and Region is there.
    expect(run(state, "GetCredentialsForIdentity", { IdentityId: IDENTITY_ID })[1].ok).toBe(true);
    const other = okOutput<{ IdentityPools: unknown[] }>(run(state, "ListIdentityPools", { MaxResults: 5 }, { account: "210987654321", region: "eu-west-1", now: NOW })[1]);
    expect(other.IdentityPools).toHaveLength(1);
  });

  it("INIT-1: the file's IAM roles are the registered roles", () => {
    const role = { RoleName: "unauthenticated", Arn: UNAUTH_ROLE, AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [] } };
    const state = applied({ iamRoles: { Roles: [role] } });
    expect(state.config.iam.roles.map((r) => r.Arn)).toEqual([UNAUTH_ROLE]);
  });
});

describe("INIT-2: a refused entry refuses the file", () => {
  it("INIT-2: the reason names the entry's path and the operation's error", () => {
    expect(refusal({ pools: [guestPool, { ...guestPool, roles: { Roles: { unauthenticated: "arn:aws:iam::123456789012:role/x" }, RoleMappings: { [GOOGLE]: { Type: "Token", AmbiguousRoleResolution: "Deny" } } } }] })).toBe(
      `init.pools[1].roles: InvalidParameterException: ${okRefusalMessage(GOOGLE)}`,
    );
    expect(refusal({ pools: [{ IdentityPoolName: "x" }] })).toMatch(/^init\.pools\[0\]: ValidationException: 1 validation error detected: .*allowUnauthenticatedIdentities/);
    expect(refusal({ pools: [{ ...guestPool, identities: [{}, { Logins: { [FACEBOOK]: "not a token" } }] }] })).toMatch(/^init\.pools\[0\]\.identities\[1\]: NotAuthorizedException: /);
    expect(refusal({ pools: [{ ...guestPool, principalTags: [{ IdentityProviderName: FACEBOOK }] }] })).toMatch(/^init\.pools\[0\]\.principalTags\[0\]: /);
    expect(refusal({ pools: [{ ...guestPool, IdentityPoolId: POOL_ID }, { ...guestPool, IdentityPoolId: POOL_ID }] })).toBe(
      `init.pools[1]: ResourceConflictException: The identity pool id '${POOL_ID}' is already taken.`,
    );
  });

  it("INIT-2: the file's own structure is checked first, by path", () => {
    expect(refusal([])).toBe("init: expected an object");
    expect(refusal({ pool: [] })).toBe("init.pool: unknown member (expected $schema, version, iamRoles, pools)");
    expect(refusal({ version: 2 })).toBe("init.version: expected 1");
    expect(refusal({ pools: [{ ...guestPool, IdentityPoolNam: "typo" }] })).toMatch(/^init\.pools\[0\]\.IdentityPoolNam: unknown member/);
    expect(refusal({ pools: [{ ...guestPool, identities: [{ linkedLogins: [{ provider: FACEBOOK }] }] }] })).toBe("init.pools[0].identities[0].linkedLogins[0].subject: missing");
    expect(refusal({ pools: [{ ...guestPool, account: "1" }] })).toBe("init.pools[0].account: expected 12 digits");
    expect(refusal({ pools: [{ ...guestPool, IdentityPoolId: POOL_ID, region: "eu-west-1" }] })).toBe(`init.pools[0].region: the pool id ${POOL_ID} is of Region us-east-1`);
    expect(refusal({ iamRoles: 3 })).toMatch(/^init\.iamRoles: /);
  });

  it("INIT-2: seeding is not traffic: no rate limit refuses it and no request is counted", () => {
    const limited = fresh({ rateLimiting: { enabled: true, perSecond: { CreateIdentityPool: 1 } } });
    const state = applied({ pools: [guestPool, guestPool, guestPool] }, limited);
    expect(state.rates.size).toBe(0);
    expect(state.config.rateLimiting.enabled).toBe(true);
  });
});

function okRefusalMessage(provider: string): string {
  const [, result] = run(providerPoolWithout(), "SetIdentityPoolRoles", { IdentityPoolId: poolOf, Roles: {}, RoleMappings: { [provider]: { Type: "Token", AmbiguousRoleResolution: "Deny" } } });
  return result.ok ? "" : result.error.message;
}
let poolOf = "";
function providerPoolWithout(): State {
  const [state, result] = run(fresh(), "CreateIdentityPool", guestPool);
  poolOf = okOutput<{ IdentityPoolId: string }>(result).IdentityPoolId;
  return state;
}

describe("INIT-3: the seed operation CreateIdentity", () => {
  const [base, pool] = providerPool(fresh());

  it("INIT-3: an identity as a state may hold it: given id, linked logins, dates, disabled", () => {
    const [state, result] = seedIdentity(base, { IdentityPoolId: pool, IdentityId: IDENTITY_ID, linkedLogins: [{ provider: OIDC, subject: "s" }], created: "2024-01-01T00:00:00.250Z" });
    expect(result).toEqual({ ok: true, output: { IdentityId: IDENTITY_ID } });
    expect(state.identities.get(IDENTITY_ID)).toMatchObject({ created: Date.parse("2024-01-01T00:00:00.250Z"), modified: Date.parse("2024-01-01T00:00:00.250Z"), logins: [{ provider: OIDC, subject: "s" }] });
    const [disabled] = seedIdentity(base, { IdentityPoolId: pool, disabled: true });
    expect(disabled.identities.values()[0]).toMatchObject({ disabled: true, logins: [] });
  });

  it("INIT-3: what no state holds is refused, and the state is the one given", () => {
    const [state] = seedIdentity(base, { IdentityPoolId: pool, linkedLogins: [{ provider: FACEBOOK, subject: "a" }] });
    const owner = state.identities.values()[0]!.id;
    const refused = (input: Record<string, unknown>, on: State = base) => {
      const [after, result] = seedIdentity(on, { IdentityPoolId: pool, ...input });
      expect(after).toBe(on);
      return result;
    };
    expectError(refused({ linkedLogins: [{ provider: FACEBOOK, subject: "a" }] }, state), "ResourceConflictException", `The login of ${FACEBOOK} is linked to identity '${owner}' already.`);
    expectError(refused({ linkedLogins: [{ provider: FACEBOOK, subject: "a" }, { provider: FACEBOOK, subject: "b" }] }), "ResourceConflictException", `The identity is already linked to a different login of ${FACEBOOK}.`);
    expectError(refused({ disabled: true, linkedLogins: [{ provider: FACEBOOK, subject: "a" }] }), "InvalidParameterException", "A disabled identity has no linked logins.");
    expectError(refused({ created: "2024-02-01T00:00:00Z", modified: "2024-01-01T00:00:00Z" }), "InvalidParameterException", "An identity cannot be modified before it was created.");
    expectError(refused({ IdentityId: owner }, state), "ResourceConflictException", `The identity id '${owner}' is already taken.`);
    expectError(refused({ created: "yesterday" }), "InvalidParameterException", "input.created: expected an ISO 8601 instant such as 2024-01-01T00:00:00Z");
    expectError(refused({ linkedLogins: Array.from({ length: 21 }, (_, i) => ({ provider: "login.mycompany", subject: `u${i}` })) }), "LimitExceededException", "The number of linked logins is limited to 20.");
    expectError(refused({ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" }), "ResourceNotFoundException", "IdentityPool 'us-east-1:00000000-0000-4000-8000-000000000000' not found.");
    expectError(seedIdentity(base, "nothing")[1], "InvalidParameterException", "input: expected an object");
    expectError(step(base, { service: "init", op: "DeleteEverything", input: {}, context: ctx })[1], "UnknownOperationException", expect.any(String) as unknown as string);
  });

  it("INIT-3: developer user identifiers need the pool's developer provider", () => {
    const [plain, result] = run(fresh(), "CreateIdentityPool", guestPool);
    const id = okOutput<{ IdentityPoolId: string }>(result).IdentityPoolId;
    expectError(seedIdentity(plain, { IdentityPoolId: id, DeveloperUserIdentifiers: ["alice"] })[1], "NotAuthorizedException", "This identity pool does not support the specified developer provider");
  });
});

describe("INIT-5: the export of a state", () => {
  it("INIT-5: an export re-imported with init gives the same export, over random command sequences", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(histories, ([plans, seed]) => {
        const w = history(plans, seed);
        const exported = exportInit(w.state);
        const text = JSON.stringify(exported);
        for (const what of ["disabled", "RoleMappings", "principalTags", "modified", "login.mycompany"]) if (text.includes(`"${what}`)) seen.add(what);
        const again = applyInit(initialState({ seed, quotas: { linkedLoginsPerIdentity: 3 } }), JSON.parse(JSON.stringify(exported)), defaults);
        if (!again.ok) throw new Error(again.reason);
        expect(exportInit(again.state)).toEqual(exported);
        expect(observed(again.state)).toEqual(observed(w.state));
        // And into a fake of another seed: the given ids are kept, so the export is the same too.
        const elsewhere = applyInit(initialState({ seed: seed ^ 1, quotas: { linkedLoginsPerIdentity: 3 } }), exported, defaults);
        expect(elsewhere.ok && exportInit(elsewhere.state)).toEqual(exported);
      }),
      { numRuns: 80 },
    );
    // The sequences reach merged, stripped and relinked identities, mappings and maps.
    expect([...seen].sort()).toEqual(["RoleMappings", "disabled", "login.mycompany", "modified", "principalTags"]);
  });

  it("INIT-5: what the export holds: pools in creation order with their settings, roles, maps and identities; the registered roles", () => {
    const file: InitFile = {
      pools: [{ ...guestPool, IdentityPoolId: POOL_ID, IdentityPoolTags: { a: "b" }, identities: [{ IdentityId: IDENTITY_ID, created: "2024-01-01T00:00:00.000Z" }] }],
    };
    expect(exportInit(applied(file))).toEqual({
      version: 1,
      pools: [{ account: ctx.account, IdentityPoolId: POOL_ID, ...guestPool, IdentityPoolTags: { a: "b" }, identities: [{ IdentityId: IDENTITY_ID, created: "2024-01-01T00:00:00.000Z" }] }],
    });
    expect(exportInit(initialState())).toEqual({ version: 1, pools: [] });
  });
});
