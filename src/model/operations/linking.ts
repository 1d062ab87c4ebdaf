// Creating identities, linking logins to them and merging identities (spec/identities.md, IDN-3 and IDN-5 to IDN-9).
import { messages, modelError, type ErrorType, type ModelError } from "../errors.js";
import { nextId, type IdGenerator } from "../ids.js";
import { loginKey, NO_LOGINS, type Identity, type LinkedLogin, type PoolData } from "../identity-state.js";
import type { CheckedLogin } from "../logins.js";
import type { Pool, State } from "../state.js";
import { ownerOf, withPoolData } from "./identity-common.js";

/** A new identity in the pool, linked to `logins` (none: unauthenticated); its id the generator's next unless `made` (ID-10). */
export function createIdentity(
  state: State,
  data: PoolData,
  now: number,
  logins: readonly LinkedLogin[],
  made: [string, IdGenerator] = nextId(state.ids, data.region),
): [State, Identity] {
  const [id, ids] = made;
  const identity: Identity = {
    id,
    pool: data.key,
    seq: data.nextSeq,
    created: now,
    modified: now,
    logins: logins.length === 0 ? NO_LOGINS : logins,
  };
  let loginIndex = data.logins;
  for (const l of logins) loginIndex = loginIndex.set({ key: loginKey(l.provider, l.subject), owner: id });
  const next: PoolData = { ...data, order: data.order.set(identity.seq, id), logins: loginIndex, nextSeq: data.nextSeq + 1 };
  return [{ ...withPoolData(state, next), ids, identities: state.identities.set(identity) }, identity];
}

export const ownsLogin = (identity: Identity, login: { provider: string; subject: string }) =>
  identity.logins.some((l) => l.provider === login.provider && l.subject === login.subject);

export interface LinkOptions {
  /** IDN-8: GetId reports too many logins as LimitExceededException; the others, which do not model it, as ResourceConflictException. */
  limitError: ErrorType;
}

/**
 * IDN-3..IDN-11: links the presented logins. Without `current` (GetId) the owner of an already
 * linked login answers, or a new authenticated identity is made. With `current` the logins go to it,
 * unless one of them belongs to another identity: then the owner of that login survives, and
 * `current` and every other owner are merged into it and disabled.
 */
export function linkLogins(
  state: State,
  pool: Pool,
  data: PoolData,
  current: Identity | undefined,
  presented: readonly CheckedLogin[],
  now: number,
  options: LinkOptions,
): [State, Identity] | ModelError {
  const logins = presented.filter((l) => l.kind !== "openid").map((l) => ({ provider: l.provider, subject: l.subject }));
  const owners: Identity[] = [];
  for (const l of logins) {
    const owner = ownerOf(state, data, l);
    if (owner && !owners.some((o) => o.id === owner.id)) owners.push(owner);
  }
  const foreign = owners.filter((o) => o.id !== current?.id);
  const survivor = foreign[0] ?? current;
  const merged = [...(current && current.id !== survivor?.id ? [current] : []), ...foreign.slice(1)];

  const combined: LinkedLogin[] = [...(survivor?.logins ?? [])];
  for (const l of [...merged.flatMap((m) => m.logins), ...logins]) {
    if (combined.some((c) => c.provider === l.provider && c.subject === l.subject)) continue;
    // IDN-7: one login per provider; a developer provider may hold several user identifiers.
    if (l.provider !== pool.developerProviderName && combined.some((c) => c.provider === l.provider)) {
      return modelError("ResourceConflictException", messages.providerAlreadyLinked(l.provider));
    }
    combined.push(l);
  }
  const limit = state.config.quotas.linkedLoginsPerIdentity;
  if (combined.length > limit) return modelError(options.limitError, messages.tooManyLinkedLogins(limit));

  if (!survivor) return createIdentity(state, data, now, combined);
  if (combined.length === survivor.logins.length && merged.length === 0) return [state, survivor];

  const updated: Identity = { ...survivor, modified: now, logins: combined };
  let identities = state.identities.set(updated);
  let loginIndex = data.logins;
  for (const l of combined) loginIndex = loginIndex.set({ key: loginKey(l.provider, l.subject), owner: updated.id });
  for (const m of merged) identities = identities.set({ ...m, modified: now, logins: NO_LOGINS, disabled: true });
  return [{ ...withPoolData(state, { ...data, logins: loginIndex }), identities }, updated];
}

/**
 * IDN-12, IDN-13, DEV-24: removes logins from an identity; an identity left without any login is
 * disabled. The removed logins are free again: the next call that presents one links it anew.
 */
export function unlinkLogins(state: State, data: PoolData, identity: Identity, removed: readonly LinkedLogin[], now: number): State {
  if (removed.length === 0) return state;
  const gone = new Set(removed.map((l) => loginKey(l.provider, l.subject)));
  const remaining = identity.logins.filter((l) => !gone.has(loginKey(l.provider, l.subject)));
  const updated: Identity =
    remaining.length === 0 ? { ...identity, modified: now, logins: NO_LOGINS, disabled: true } : { ...identity, modified: now, logins: remaining };
  let logins = data.logins;
  for (const key of gone) logins = logins.delete(key);
  return { ...withPoolData(state, { ...data, logins }), identities: state.identities.set(updated) };
}
