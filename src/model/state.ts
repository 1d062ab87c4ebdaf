// The model's state: pools namespaced by account and Region, the id generator, rate windows.
import { resolveConfig, type ModelConfig, type ModelConfigInput } from "./config.js";
import { CredentialRegistry } from "./credential-registry.js";
import { parseRoles } from "./iam/roles.js";
import type { IdGenerator } from "./ids.js";
import { PMap } from "./pmap.js";
import {
  emptyIdentities,
  identityKey,
  restorePoolData,
  snapshotPoolData,
  type Identity,
  type IssuedCredentials,
  type PoolData,
  type PoolDataSnapshot,
} from "./identity-state.js";
import { LazyList, LazyRecord, mapped } from "./lazy-json.js";
import { PHash } from "./phash.js";
import { isPlainObject } from "./schema.js";
import { snapshotProblem } from "./snapshot-schema.js";

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

/**
 * WIRE-30: the snapshot as it is written, its long lists made item by item as they are written
 * (lazy-json.ts), so a download holds only the state it started from, which is immutable.
 */
export function snapshotView(state: State): LazyRecord & { config: ModelConfig } {
  const view = {
    format: "cognito-identity-model/state",
    version: 1,
    config: state.config,
    ids: state.ids,
    namespaces: new LazyList(() => mapped(state.namespaces.entriesAfter(), ([key, ns]) => new LazyRecord({ key, nextSeq: ns.nextSeq, pools: new LazyList(() => ns.pools.values()) }))),
    rates: new LazyList(() => state.rates.entriesAfter()),
    poolData: new LazyList(() => mapped(state.poolData.entriesAfter(), ([, data]) => snapshotPoolData(data, state.identities))),
    credentials: new LazyList(() => state.credentials.values()),
    forgottenCredentials: state.credentials.forgottenRuns(),
  } satisfies { [K in keyof Required<Snapshot>]: unknown };
  return new LazyRecord(view) as LazyRecord & typeof view;
}

/** The snapshot as plain JSON, the text of `snapshotView` parsed. */
export function snapshotState(state: State): Snapshot {
  return JSON.parse(JSON.stringify(snapshotView(state))) as Snapshot;
}

/**
 * WIRE-29: rebuilds a state from a snapshot, once the whole snapshot has been checked against its
 * schema and the model's invariants; otherwise the reason, naming the first bad path under `root`.
 */
export function restoreState(snapshot: unknown, root = "snapshot"): { ok: true; state: State } | { ok: false; reason: string } {
  if (!isPlainObject(snapshot) || snapshot.format !== "cognito-identity-model/state" || snapshot.version !== 1) {
    return { ok: false, reason: `${root}: not a cognito-identity-model state snapshot (format/version)` };
  }
  const problem = snapshotProblem(snapshot, root);
  if (problem) return { ok: false, reason: `${problem.path}: ${problem.reason}` };
  // Checked plain data: copied so that the caller's objects never become part of the state.
  const checked = structuredClone(snapshot) as unknown as Snapshot;
  const { config, ids } = checked;
  // IAM-7: a snapshot's roles are read as a roles file is.
  const roles = parseRoles(config.iam?.roles ?? []);
  const poolData: PoolData[] = [];
  const identities: Identity[] = [];
  for (const entry of checked.poolData ?? []) {
    const restored = restorePoolData(entry);
    poolData.push(restored.data);
    for (const identity of restored.identities) identities.push(identity);
  }
  return {
    ok: true,
    state: {
      config: resolveConfig({ ...(config as ModelConfigInput), iam: { roles: roles.ok ? roles.value : [], strict: config.iam?.strict === true } }),
      ids: { seed: ids.seed, counter: ids.counter },
      namespaces: PMap.fromEntries(
        checked.namespaces.map((ns) => [
          ns.key,
          {
            nextSeq: ns.nextSeq,
            pools: PMap.fromEntries(ns.pools.map((p) => [p.id, p] as [string, Pool])),
            order: PMap.fromEntries(ns.pools.map((p) => [p.seq, p.id] as [number, string])),
          },
        ]),
      ),
      rates: PMap.fromEntries(checked.rates),
      poolData: PMap.fromEntries(poolData.map((d) => [d.key, d] as [string, PoolData])),
      identities: PHash.fromValues(identityKey, identities),
      credentials: CredentialRegistry.fromSnapshot(checked.credentials ?? [], checked.forgottenCredentials ?? []),
    },
  };
}
