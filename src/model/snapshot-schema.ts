// WIRE-29: what a state snapshot is, as data (the schema), and the invariants the model keeps that
// a schema cannot say (ids unique and of their namespace, sequence numbers below the next one, the
// id counter past every id it made, quotas). A restore checks both before anything changes.
import { resolveConfig, type ModelConfigInput } from "./config.js";
import { parseRoles } from "./iam/roles.js";
import { forgottenRunsProblem } from "./credential-registry.js";
import { COUNTER_LIMIT, counterOfUuid } from "./ids.js";
import { isJwtAlgorithm, signingKeyProblem, type JwtAlgorithm } from "./jwt.js";
import { credentialPosition } from "./keygen.js";
import { parseCognitoProviderName } from "./regions.js";
import { firstProblem, memberPath, type Problem, type Refinement, type Schema } from "./schema.js";
import { cognitoShapes, stsShapes, type ShapeLookup } from "./shapes.js";
import type { Jwk } from "./token-config.js";
import { isOperationName } from "./types.js";
import type { Snapshot } from "./state.js";

const SAFE = Number.MAX_SAFE_INTEGER;
const whole = (min: number, max = SAFE): Schema => ({ type: "integer", min, max });
const text: Schema = { type: "string", min: 1 };
const anyText: Schema = { type: "string" };
const number: Schema = { type: "number" };
const boolean: Schema = { type: "boolean" };
const list = (item: Schema, min?: number): Schema => ({ type: "list", item, min });
const map = (value: Schema, key?: Schema): Schema => ({ type: "map", key, value });
const record = (members: Record<string, Schema>, optional: readonly string[] = []): Schema => ({ type: "record", members, optional });
const allOptional = (members: Record<string, Schema>): Schema => record(members, Object.keys(members));
const refined = (schema: Schema, refine: Refinement): Schema => ({ ...schema, refine });

/** The shape of a member of a structure in the service model (spec/shapes.json), as a schema. */
function ofMember(structure: string, member: string, options: { nonEmpty?: boolean; shapes?: ShapeLookup } = {}): Schema {
  const shapes = options.shapes ?? cognitoShapes;
  const ref = shapes.shape(structure).members?.[member];
  if (!ref) throw new Error(`${structure} has no member ${member}`);
  return { type: "shape", name: ref.shape, shapes, nonEmpty: options.nonEmpty };
}

const poolId = ofMember("IdentityPool", "IdentityPoolId");
const identityId = ofMember("DescribeIdentityInput", "IdentityId");
/** Seconds: at most ten years, so every expiry stays a date. */
const lifetime = whole(1, 10 * 365 * 86400);

// A JWK's members are strings, or lists of strings or of flat objects (`x5c`, `oth`).
const jwkMember: Schema = { type: "json", maxDepth: 2 };

// OIDC-3: a key that signs tokens of its algorithm.
const signingKey = refined(
  record({
    kid: text,
    alg: refined(anyText, (alg: string) => (isJwtAlgorithm(alg) ? undefined : "expected RS256, RS384, RS512, ES256 or ES384")),
    privateJwk: map(jwkMember),
  }),
  (key: { alg: JwtAlgorithm; privateJwk: Jwk }) => {
    const reason = signingKeyProblem(key.privateJwk, key.alg);
    return reason === undefined ? undefined : { member: "privateJwk", reason };
  },
);

// As fetchJwks reads a JWKS: a list of keys that each name their kind.
const jwks = record({ keys: list({ type: "record", members: { kty: text }, rest: jwkMember }) });

const config = allOptional({
  seed: whole(-SAFE),
  quotas: allOptional({
    identityPoolsPerRegion: whole(0),
    tagsPerPool: whole(0),
    cognitoProvidersPerPool: whole(0),
    linkedLoginsPerIdentity: whole(0),
    rulesPerRoleMapping: whole(0),
  }),
  rateLimiting: allOptional({
    enabled: boolean,
    perSecond: map(whole(0), refined(anyText, (op: string) => (isOperationName(op) ? undefined : "expected the name of an operation the model implements"))),
  }),
  tokens: allOptional({
    openIdTokenSeconds: lifetime,
    credentialsSeconds: lifetime,
    developerTokenSeconds: lifetime,
    signingKey,
    loginJwks: map(jwks),
    loginIssuers: map(text),
  }),
  iam: allOptional({
    roles: refined(list({ type: "any" }), (roles: unknown[]) => {
      const parsed = parseRoles(roles);
      return parsed.ok ? undefined : parsed.reason;
    }),
    strict: boolean,
  }),
});

const cognitoProvider = record(
  {
    ProviderName: refined(ofMember("CognitoIdentityProvider", "ProviderName"), (name: string) =>
      parseCognitoProviderName(name) ? undefined : "expected cognito-idp.<region>.<DNS suffix>/<user pool id> (POOL-14)",
    ),
    ClientId: ofMember("CognitoIdentityProvider", "ClientId"),
    ServerSideTokenCheck: ofMember("CognitoIdentityProvider", "ServerSideTokenCheck"),
  },
  ["ClientId"],
);

// POOL-4: optional members are absent when never set, and lists and maps are never stored empty.
const pool = record(
  {
    id: poolId,
    seq: whole(1),
    name: ofMember("IdentityPool", "IdentityPoolName"),
    allowUnauthenticated: ofMember("IdentityPool", "AllowUnauthenticatedIdentities"),
    allowClassicFlow: ofMember("IdentityPool", "AllowClassicFlow"),
    supportedLoginProviders: ofMember("IdentityPool", "SupportedLoginProviders", { nonEmpty: true }),
    developerProviderName: ofMember("IdentityPool", "DeveloperProviderName"),
    openIdConnectProviderArns: ofMember("IdentityPool", "OpenIdConnectProviderARNs", { nonEmpty: true }),
    cognitoIdentityProviders: list(cognitoProvider, 1),
    samlProviderArns: ofMember("IdentityPool", "SamlProviderARNs", { nonEmpty: true }),
    tags: ofMember("IdentityPool", "IdentityPoolTags"),
  },
  ["allowClassicFlow", "supportedLoginProviders", "developerProviderName", "openIdConnectProviderArns", "cognitoIdentityProviders", "samlProviderArns"],
);

const identity = record(
  {
    id: identityId,
    pool: anyText,
    seq: whole(1),
    created: number,
    modified: number,
    logins: list(record({ provider: text, subject: text })),
    disabled: { type: "literal", value: true },
  },
  ["pool", "disabled"],
);

const poolData = record({
  account: text,
  region: text,
  poolId,
  nextSeq: whole(1),
  roles: ofMember("SetIdentityPoolRolesInput", "Roles"),
  roleMappings: ofMember("SetIdentityPoolRolesInput", "RoleMappings"),
  principalTagMaps: map(record({ useDefaults: boolean, tags: ofMember("SetPrincipalTagAttributeMapInput", "PrincipalTags") }), ofMember("SetPrincipalTagAttributeMapInput", "IdentityProviderName")),
  identities: list(identity),
});

const credentials = record(
  {
    accessKeyId: text,
    roleArn: ofMember("GetCredentialsForIdentityInput", "CustomRoleArn"),
    identityId,
    identityPoolId: poolId,
    provider: text,
    principalTags: map(anyText),
    expiration: number,
    sessionName: ofMember("AssumeRoleWithWebIdentityRequest", "RoleSessionName", { shapes: stsShapes }),
  },
  ["provider", "sessionName"],
);

/** The model snapshot (`snapshotState`), `poolData` and `credentials` absent in snapshots older than identities. */
export const snapshotSchema: Schema = record(
  {
    format: { type: "literal", value: "cognito-identity-model/state" },
    version: { type: "literal", value: 1 },
    config,
    ids: record({ seed: whole(-SAFE), counter: whole(0, COUNTER_LIMIT - 1) }),
    namespaces: list(record({ key: text, nextSeq: whole(1), pools: list(pool) })),
    rates: list({ type: "tuple", items: [text, record({ second: whole(-SAFE), count: whole(1) })] }),
    poolData: list(poolData),
    credentials: list(credentials),
    forgottenCredentials: list({ type: "tuple", items: [whole(0, COUNTER_LIMIT - 1), whole(1, COUNTER_LIMIT)] }),
  },
  ["poolData", "credentials", "forgottenCredentials"],
);

// ---- invariants ----

class Refused extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.path}: ${problem.reason}`);
  }
}

const refuse = (path: string, reason: string): never => {
  throw new Refused({ path, reason });
};

/** Remembers where each key was first seen, and refuses a second one. */
class Unique {
  readonly #seen = new Map<string, string>();
  constructor(readonly noun: string) {}
  add(key: string, path: string): void {
    const first = this.#seen.get(key);
    if (first !== undefined) refuse(path, `${this.noun} ${key} is also at ${first}`);
    this.#seen.set(key, path);
  }
}

const regionOf = (id: string) => id.slice(0, id.indexOf(":"));
const uuidOf = (id: string) => id.slice(id.indexOf(":") + 1);

function checkInvariants(snapshot: Snapshot, root: string): void {
  const quotas = snapshot.config.quotas;
  const seed = snapshot.config.seed;
  const at = (...parts: (string | number)[]) => parts.reduce<string>((path, part) => (typeof part === "number" ? `${path}[${part}]` : memberPath(path, part)), root);
  if (snapshot.ids.seed !== seed) refuse(at("ids", "seed"), `${snapshot.ids.seed} is not config.seed (${seed}): ids come from the seed the state was made with`);
  // ID-7: the counter must be past every id the generator made, or the next one is made again.
  const counter = snapshot.ids.counter;
  const made = (n: number | undefined, id: string, path: string) => {
    if (n !== undefined && n >= counter) refuse(at("ids", "counter"), `${counter} would make ${id} again (${path}); the counter must be past every id the generator made`);
  };
  const poolIds = new Unique("pool id");
  const namespaces = new Unique("namespace");
  const poolsByNamespace = new Map<string, Set<string>>();
  snapshot.namespaces.forEach((ns, n) => {
    const slash = ns.key.lastIndexOf("/");
    if (slash <= 0 || slash === ns.key.length - 1) refuse(at("namespaces", n, "key"), `expected <account>/<region>, not ${JSON.stringify(ns.key)}`);
    namespaces.add(ns.key, at("namespaces", n, "key"));
    const region = ns.key.slice(slash + 1);
    if (quotas.identityPoolsPerRegion < ns.pools.length) refuse(at("namespaces", n, "pools"), `${ns.pools.length} pools, more than config.quotas.identityPoolsPerRegion (${quotas.identityPoolsPerRegion})`);
    const seqs = new Unique("seq");
    const ids = new Set<string>();
    ns.pools.forEach((p, i) => {
      const path = (...parts: string[]) => at("namespaces", n, "pools", i, ...parts);
      if (regionOf(p.id) !== region) refuse(path("id"), `${p.id} is not an id of ${region}, the Region of its namespace`);
      poolIds.add(p.id, path("id"));
      ids.add(p.id);
      if (p.seq >= ns.nextSeq) refuse(path("seq"), `${p.seq} is not below the namespace's nextSeq (${ns.nextSeq})`);
      seqs.add(String(p.seq), path("seq"));
      if (Object.keys(p.tags).length > quotas.tagsPerPool) refuse(path("tags"), `${Object.keys(p.tags).length} tags, more than config.quotas.tagsPerPool (${quotas.tagsPerPool})`);
      const providers = p.cognitoIdentityProviders?.length ?? 0;
      if (providers > quotas.cognitoProvidersPerPool) refuse(path("cognitoIdentityProviders"), `${providers} providers, more than config.quotas.cognitoProvidersPerPool (${quotas.cognitoProvidersPerPool})`);
      made(counterOfUuid(seed, uuidOf(p.id)), p.id, path("id"));
    });
    poolsByNamespace.set(ns.key, ids);
  });

  const rates = new Unique("rate window");
  snapshot.rates.forEach(([key], i) => {
    const op = key.slice(key.lastIndexOf("/") + 1);
    if (key.split("/").length < 3 || !isOperationName(op)) refuse(at("rates", i, 0), `expected <account>/<region>/<operation>, not ${JSON.stringify(key)}`);
    rates.add(key, at("rates", i, 0));
  });

  const identityIds = new Unique("identity id");
  const records = new Unique("pool record");
  (snapshot.poolData ?? []).forEach((data, d) => {
    const path = (...parts: (string | number)[]) => at("poolData", d, ...parts);
    const key = `${data.account}/${data.region}/${data.poolId}`;
    if (!poolsByNamespace.get(`${data.account}/${data.region}`)?.has(data.poolId)) refuse(path("poolId"), `no pool ${data.poolId} in namespace ${data.account}/${data.region}`);
    records.add(key, path("poolId"));
    for (const [provider, mapping] of Object.entries(data.roleMappings)) {
      const where = memberPath(path("roleMappings"), provider);
      if (mapping.AmbiguousRoleResolution === undefined) refuse(memberPath(where, "AmbiguousRoleResolution"), "missing (ROLE-5)");
      const rules = mapping.RulesConfiguration?.Rules;
      if (mapping.Type === "Rules" && !rules) refuse(memberPath(where, "RulesConfiguration"), "missing: a mapping of Type Rules has rules (ROLE-5)");
      if (rules && rules.length > quotas.rulesPerRoleMapping) refuse(memberPath(where, "RulesConfiguration"), `${rules.length} rules, more than config.quotas.rulesPerRoleMapping (${quotas.rulesPerRoleMapping})`);
    }
    const owners = new Unique("login");
    let lastSeq = 0;
    data.identities.forEach((identity, i) => {
      const p = (...parts: (string | number)[]) => path("identities", i, ...parts);
      if (regionOf(identity.id) !== data.region) refuse(p("id"), `${identity.id} is not an id of ${data.region}, the Region of its pool`);
      identityIds.add(identity.id, p("id"));
      if (identity.pool !== undefined && identity.pool !== key) refuse(p("pool"), `expected ${key}, the pool it is listed under`);
      if (identity.seq <= lastSeq) refuse(p("seq"), `${identity.seq} does not follow ${lastSeq}: identities are listed in creation order`);
      if (identity.seq >= data.nextSeq) refuse(p("seq"), `${identity.seq} is not below the pool's nextSeq (${data.nextSeq})`);
      lastSeq = identity.seq;
      if (identity.disabled && identity.logins.length > 0) refuse(p("logins"), "a disabled identity has no logins (IDN-9, IDN-13)");
      if (identity.logins.length > quotas.linkedLoginsPerIdentity) refuse(p("logins"), `${identity.logins.length} logins, more than config.quotas.linkedLoginsPerIdentity (${quotas.linkedLoginsPerIdentity})`);
      identity.logins.forEach((login, l) => owners.add(`${login.provider} ${JSON.stringify(login.subject)}`, p("logins", l)));
      made(counterOfUuid(seed, uuidOf(identity.id)), identity.id, p("id"));
    });
  });

  const keys = new Unique("access key id");
  (snapshot.credentials ?? []).forEach((c, i) => {
    keys.add(c.accessKeyId, at("credentials", i, "accessKeyId"));
    made(credentialPosition(seed, c.accessKeyId), c.accessKeyId, at("credentials", i, "accessKeyId"));
  });
  const forgotten = forgottenRunsProblem(snapshot.forgottenCredentials ?? [], counter);
  if (forgotten) refuse(at("forgottenCredentials"), forgotten);
}

/** The first problem of a model snapshot, schema then invariants, its paths under `root`; undefined when it restores. */
export function snapshotProblem(value: unknown, root: string): Problem | undefined {
  const found = firstProblem(snapshotSchema, value, root);
  if (found) return found;
  const snapshot = value as Snapshot;
  try {
    checkInvariants({ ...snapshot, config: resolveConfig(snapshot.config as ModelConfigInput) }, root);
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.problem;
    throw error;
  }
}
