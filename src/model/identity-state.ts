// What a pool holds besides its settings: the indexes over its identities, its roles, role mappings
// and principal-tag maps; and the identities themselves (spec/identities.md). Every collection that
// grows with the number of identities is persistent (PMap, PHash), so a step costs O(log n) however
// many identities exist (IDN-20).
import type { RoleMapping } from "@aws-sdk/client-cognito-identity";
import { LazyList, LazyRecord, mapped } from "./lazy-json.js";
import { PHash } from "./phash.js";
import { PMap } from "./pmap.js";

/** One login linked to an identity: the provider (the Logins key) and the user it names there. */
export interface LinkedLogin {
  readonly provider: string;
  readonly subject: string;
}

export interface Identity {
  readonly id: string;
  /** The key of its pool's record (PoolData.key). */
  readonly pool: string;
  /** Creation sequence number within its pool: the ListIdentities order. */
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly created: number;
  readonly modified: number;
  /** Empty for an unauthenticated identity and for a disabled one. */
  readonly logins: readonly LinkedLogin[];
  /** Merged away or stripped of its last login (IDN-9, IDN-13). */
  readonly disabled?: true;
}

/** An entry of a pool's login index: loginKey(provider, subject) -> the identity that owns the login. */
export interface LoginOwner {
  readonly key: string;
  readonly owner: string;
}

export interface PrincipalTagMap {
  readonly useDefaults: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

export interface PoolData {
  /** `account/region/poolId`: the key of this record, shared by every index entry that points here. */
  readonly key: string;
  readonly account: string;
  readonly region: string;
  readonly poolId: string;
  /** seq -> identity id: the pool's identities in creation order. */
  readonly order: PMap<number, string>;
  readonly logins: PHash<LoginOwner>;
  readonly nextSeq: number;
  readonly roles: Readonly<Record<string, string>>;
  readonly roleMappings: Readonly<Record<string, RoleMapping>>;
  /** Provider name -> its principal-tag attribute map, once set. */
  readonly principalTagMaps: Readonly<Record<string, PrincipalTagMap>>;
}

/** What a set of issued credentials stands for (CRED-12). */
export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly roleArn: string;
  readonly identityId: string;
  readonly identityPoolId: string;
  /** The login that decided the role; absent for unauthenticated credentials. */
  readonly provider?: string;
  readonly principalTags: Readonly<Record<string, string>>;
  /** Epoch milliseconds. */
  readonly expiration: number;
  /** STS-8: the RoleSessionName of credentials AssumeRoleWithWebIdentity issued. */
  readonly sessionName?: string;
}

export const NO_LOGINS: readonly LinkedLogin[] = Object.freeze([]);

export const poolDataKey = (account: string, region: string, poolId: string) => `${account}/${region}/${poolId}`;

/** Unambiguous whatever characters provider and subject contain. */
export const loginKey = (provider: string, subject: string) => `${provider.length}:${provider}${subject}`;

export function emptyPoolData(account: string, region: string, poolId: string): PoolData {
  return {
    key: poolDataKey(account, region, poolId),
    account,
    region,
    poolId,
    order: PMap.empty(),
    logins: emptyLogins(),
    nextSeq: 1,
    roles: {},
    roleMappings: {},
    principalTagMaps: {},
  };
}

export const identityKey = (identity: Identity) => identity.id;
export const emptyIdentities = () => PHash.empty<Identity>(identityKey);
const emptyLogins = () => PHash.empty<LoginOwner>((entry) => entry.key);

export const isAuthenticated = (identity: Identity) => identity.logins.length > 0;

// ---- snapshots ----

export interface PoolDataSnapshot {
  account: string;
  region: string;
  poolId: string;
  nextSeq: number;
  roles: Record<string, string>;
  roleMappings: Record<string, RoleMapping>;
  principalTagMaps: Record<string, PrincipalTagMap>;
  /** In creation order. */
  identities: Identity[];
}

/** One pool's record as a snapshot writes it (WIRE-30): its identities in creation order, made as they are written. */
export function snapshotPoolData(data: PoolData, identities: PHash<Identity>): LazyRecord {
  return new LazyRecord({
    account: data.account,
    region: data.region,
    poolId: data.poolId,
    nextSeq: data.nextSeq,
    roles: data.roles,
    roleMappings: data.roleMappings,
    principalTagMaps: data.principalTagMaps,
    identities: new LazyList(() => mapped(data.order.entriesAfter(), ([, id]) => identities.get(id)!)),
  } satisfies { [K in keyof PoolDataSnapshot]: unknown });
}

/** Rebuilds one pool's record, its indexes and its identities from a snapshot entry that passed WIRE-29's checks. */
export function restorePoolData(v: PoolDataSnapshot): { data: PoolData; identities: Identity[] } {
  const empty = emptyPoolData(v.account, v.region, v.poolId);
  const identities = v.identities.map((i) => ({ ...i, pool: empty.key, logins: i.logins.length === 0 ? NO_LOGINS : i.logins }));
  const data: PoolData = {
    ...empty,
    order: PMap.fromEntries(identities.map((i) => [i.seq, i.id] as [number, string])),
    logins: PHash.fromValues(
      (entry: LoginOwner) => entry.key,
      identities.flatMap((i) => i.logins.map((l) => ({ key: loginKey(l.provider, l.subject), owner: i.id }))),
    ),
    nextSeq: v.nextSeq,
    roles: v.roles,
    roleMappings: v.roleMappings,
    principalTagMaps: v.principalTagMaps,
  };
  return { data, identities };
}
