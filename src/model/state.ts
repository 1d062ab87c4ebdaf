// The model's state: pools namespaced by account and Region, the id generator, rate windows.
import { resolveConfig, type ModelConfig, type ModelConfigInput } from "./config.js";
import { CredentialRegistry, forgottenRunsProblem } from "./credential-registry.js";
import { parseRoles } from "./iam/roles.js";
import type { IdGenerator } from "./ids.js";
import { PMap } from "./pmap.js";
import {
  emptyIdentities,
  identityKey,
  isIssuedCredentials,
  restorePoolData,
  snapshotPoolData,
  type Identity,
  type IssuedCredentials,
  type PoolData,
  type PoolDataSnapshot,
} from "./identity-state.js";
import { PHash } from "./phash.js";

export interface CognitoProvider {
  ProviderName: string;
  ClientId?: string;
  ServerSideTokenCheck: boolean;
}

/** A stored identity pool. Optional members are absent when never set (POOL-4). */
export interface Pool {
  readonly id: string;
  /** Creation sequence number within its namespace: the listing order. */
  readonly seq: number;
  readonly name: string;
  readonly allowUnauthenticated: boolean;
  readonly allowClassicFlow?: boolean;
  readonly supportedLoginProviders?: Readonly<Record<string, string>>;
  readonly developerProviderName?: string;
  readonly openIdConnectProviderArns?: readonly string[];
  readonly cognitoIdentityProviders?: readonly CognitoProvider[];
  readonly samlProviderArns?: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** Everything of one account in one Region. */
export interface Namespace {
  readonly pools: PMap<string, Pool>;
  /** seq -> pool id, for creation-order listing. */
  readonly order: PMap<number, string>;
  readonly nextSeq: number;
}

export interface RateWindow {
  /** The whole second (of the commands' logical time) this window counts. */
  readonly second: number;
  readonly count: number;
}

export interface State {
  readonly config: ModelConfig;
  readonly ids: IdGenerator;
  /** Keyed by `account/region`. */
  readonly namespaces: PMap<string, Namespace>;
  /** Keyed by `account/region/operation`. */
  readonly rates: PMap<string, RateWindow>;
  /** Identities, roles and principal-tag maps of each pool, keyed by `account/region/poolId` (identity-state.ts). */
  readonly poolData: PMap<string, PoolData>;
  /** Every identity by its id, which is all the public operations are given (IDN-16). */
  readonly identities: PHash<Identity>;
  /** Access key id -> what the credentials stand for (CRED-12), until forgotten (CRED-14). */
  readonly credentials: CredentialRegistry;
}

export const emptyNamespace: Namespace = { pools: PMap.empty(), order: PMap.empty(), nextSeq: 1 };

export function initialState(config: ModelConfigInput = {}): State {
  const resolved = resolveConfig(config);
  return {
    config: resolved,
    ids: { seed: resolved.seed, counter: 0 },
    namespaces: PMap.empty(),
    rates: PMap.empty(),
    poolData: PMap.empty(),
    identities: emptyIdentities(),
    credentials: CredentialRegistry.empty,
  };
}

export const namespaceKey = (account: string, region: string) => `${account}/${region}`;

export function namespaceOf(state: State, account: string, region: string): Namespace {
  return state.namespaces.get(namespaceKey(account, region)) ?? emptyNamespace;
}

export function withNamespace(state: State, account: string, region: string, ns: Namespace): State {
  return { ...state, namespaces: state.namespaces.set(namespaceKey(account, region), ns) };
}

// ---- snapshots: plain JSON that survives JSON.stringify ----

export interface Snapshot {
  format: "cognito-identity-model/state";
  version: 1;
  config: ModelConfig;
  ids: IdGenerator;
  namespaces: { key: string; nextSeq: number; pools: Pool[] }[];
  rates: [string, RateWindow][];
  /** Absent in snapshots taken before identities existed. */
  poolData?: PoolDataSnapshot[];
  credentials?: IssuedCredentials[];
  /** CRED-14: the id counters of forgotten credentials, as `[first, after last]` runs; absent in older snapshots. */
  forgottenCredentials?: [number, number][];
}

export function snapshotState(state: State): Snapshot {
  return structuredClone({
    format: "cognito-identity-model/state",
    version: 1,
    config: state.config,
    ids: state.ids,
    namespaces: state.namespaces.entries().map(([key, ns]) => ({ key, nextSeq: ns.nextSeq, pools: ns.pools.values() })),
    rates: state.rates.entries(),
    poolData: state.poolData.values().map((data) => snapshotPoolData(data, state.identities)),
    credentials: state.credentials.values(),
    forgottenCredentials: state.credentials.forgottenRuns(),
  } satisfies Snapshot);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Rebuilds a state from a snapshot; a value that is not one is refused with a reason. */
export function restoreState(snapshot: unknown): { ok: true; state: State } | { ok: false; reason: string } {
  if (!isRecord(snapshot) || snapshot.format !== "cognito-identity-model/state" || snapshot.version !== 1) {
    return { ok: false, reason: "not a cognito-identity-model state snapshot (format/version)" };
  }
  const { config, ids, namespaces, rates } = snapshot;
  if (!isRecord(config) || !isRecord(ids) || typeof ids.seed !== "number" || typeof ids.counter !== "number") {
    return { ok: false, reason: "snapshot config or ids are malformed" };
  }
  if (!Array.isArray(namespaces) || !Array.isArray(rates)) return { ok: false, reason: "snapshot namespaces or rates are malformed" };
  const restored: [string, Namespace][] = [];
  for (const ns of namespaces) {
    if (!isRecord(ns) || typeof ns.key !== "string" || typeof ns.nextSeq !== "number" || !Array.isArray(ns.pools)) {
      return { ok: false, reason: "snapshot namespace is malformed" };
    }
    const pools = ns.pools as Pool[];
    if (!pools.every((p) => isRecord(p) && typeof p.id === "string" && typeof p.seq === "number" && typeof p.name === "string" && isRecord(p.tags))) {
      return { ok: false, reason: `snapshot pools of ${ns.key} are malformed` };
    }
    restored.push([
      ns.key,
      {
        nextSeq: ns.nextSeq,
        pools: PMap.fromEntries(pools.map((p) => [p.id, p] as [string, Pool])),
        order: PMap.fromEntries(pools.map((p) => [p.seq, p.id] as [number, string])),
      },
    ]);
  }
  const poolData: PoolData[] = [];
  const identities: Identity[] = [];
  for (const entry of Array.isArray(snapshot.poolData) ? snapshot.poolData : []) {
    const restoredPool = restorePoolData(entry);
    if (!restoredPool) return { ok: false, reason: "snapshot poolData is malformed" };
    poolData.push(restoredPool.data);
    for (const identity of restoredPool.identities) identities.push(identity);
  }
  // IAM-7: a snapshot's roles are read as a roles file is.
  const iam = isRecord(config.iam) ? config.iam : {};
  const roles = parseRoles(iam.roles ?? []);
  if (!roles.ok) return { ok: false, reason: `snapshot iam roles are malformed: ${roles.reason}` };
  if (iam.strict !== undefined && typeof iam.strict !== "boolean") return { ok: false, reason: "snapshot iam.strict is not a boolean" };
  const credentials = Array.isArray(snapshot.credentials) ? snapshot.credentials : [];
  if (!credentials.every(isIssuedCredentials)) return { ok: false, reason: "snapshot credentials are malformed" };
  const forgotten = Array.isArray(snapshot.forgottenCredentials) ? (snapshot.forgottenCredentials as unknown[]) : [];
  const isRun = (run: unknown): run is [number, number] => Array.isArray(run) && run.length === 2 && run.every((n) => Number.isSafeInteger(n));
  const runsProblem = forgotten.every(isRun) ? forgottenRunsProblem(forgotten, ids.counter) : "not [first, after last] pairs of counters";
  if (runsProblem) return { ok: false, reason: `snapshot forgottenCredentials are malformed: ${runsProblem}` };
  return {
    ok: true,
    state: {
      config: resolveConfig({ ...(config as ModelConfigInput), iam: { roles: roles.value, strict: iam.strict === true } }),
      ids: { seed: ids.seed, counter: ids.counter },
      namespaces: PMap.fromEntries(restored),
      rates: PMap.fromEntries(rates as [string, RateWindow][]),
      poolData: PMap.fromEntries(poolData.map((d) => [d.key, d] as [string, PoolData])),
      identities: PHash.fromValues(identityKey, identities),
      credentials: CredentialRegistry.fromSnapshot(credentials, forgotten as [number, number][]),
    },
  };
}
