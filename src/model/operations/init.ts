// The seed operation of init files (spec/init.md): `step(state, { service: "init", op: "CreateIdentity", ... })`.
// Not a public operation: no request reaches it. It makes an identity as a state may hold it (INIT-3):
// with a given id, logins given as provider and subject, dates, or disabled, under the invariants the
// public operations keep.
import { messages, modelError, type ModelError } from "../errors.js";
import { NO_LOGINS, type Identity, type LinkedLogin } from "../identity-state.js";
import { checkLogins } from "../logins.js";
import { firstProblem, type Schema } from "../schema.js";
import { cognitoShapes } from "../shapes.js";
import type { State } from "../state.js";
import { fail, ok, type Context, type Result } from "../types.js";
import { isModelError, newId } from "./common.js";
import { findPoolScope, ownerOf } from "./identity-common.js";
import { createIdentity } from "./linking.js";

/** One identity of an init file's pool (spec/init.schema.json, `identity`). */
export interface InitIdentity {
  IdentityId?: string;
  /** Tokens, checked as GetId checks them (LOGIN-n). */
  Logins?: Record<string, string>;
  /** User identifiers of the pool's developer provider (DEV-2). */
  DeveloperUserIdentifiers?: string[];
  /** Logins as provider and subject (what an export writes). */
  linkedLogins?: { provider: string; subject: string }[];
  /** ISO 8601 instants; default the time of the command. */
  created?: string;
  modified?: string;
  disabled?: boolean;
}

const shape = (name: string): Schema => ({ type: "shape", name, shapes: cognitoShapes });
const text: Schema = { type: "string", min: 1 };
const instant: Schema = { type: "string", refine: (v: string) => (isInstant(v) ? undefined : "expected an ISO 8601 instant such as 2024-01-01T00:00:00Z") };

/** What an identity entry may hold; the init file's schema (src/model/init.ts) uses it for each entry. */
export const initIdentitySchema: Schema = {
  type: "record",
  members: {
    IdentityId: shape("IdentityId"),
    Logins: shape("LoginsMap"),
    DeveloperUserIdentifiers: { type: "list", item: shape("DeveloperUserIdentifier") },
    linkedLogins: { type: "list", item: { type: "record", members: { provider: text, subject: text } } },
    created: instant,
    modified: instant,
    disabled: { type: "boolean" },
  },
  optional: ["IdentityId", "Logins", "DeveloperUserIdentifiers", "linkedLogins", "created", "modified", "disabled"],
};

const commandSchema: Schema = { ...initIdentitySchema, members: { IdentityPoolId: shape("IdentityPoolId"), ...(initIdentitySchema as { members: Record<string, Schema> }).members } };

function isInstant(value: string): boolean {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value) && Number.isFinite(Date.parse(value));
}

const invalid = (message: string) => modelError("InvalidParameterException", message);

export function initStep(state: State, ctx: Context, op: string, input: unknown): [State, Result] {
  if (op !== "CreateIdentity") return [state, fail(modelError("UnknownOperationException", messages.unknownOperation(String(op))))];
  const problem = firstProblem(commandSchema, input, "input");
  if (problem) return [state, fail(invalid(`${problem.path}: ${problem.reason}`))];
  const made = initIdentity(state, ctx, input as InitIdentity & { IdentityPoolId: string });
  return isModelError(made) ? [state, fail(made)] : [made[0], ok({ IdentityId: made[1].id })];
}

/** INIT-3: the identity, or why a state cannot hold it. */
function initIdentity(state: State, ctx: Context, input: InitIdentity & { IdentityPoolId: string }): [State, Identity] | ModelError {
  const scope = findPoolScope(state, ctx.account, ctx.region, input.IdentityPoolId);
  if (isModelError(scope)) return scope;
  const { pool, data } = scope;
  const logins: LinkedLogin[] = [];
  if (input.Logins) {
    const checked = checkLogins(state.config, pool, input.Logins, ctx.now);
    if (isModelError(checked)) return checked;
    for (const l of checked) logins.push({ provider: l.provider, subject: l.subject });
  }
  if (input.DeveloperUserIdentifiers && input.DeveloperUserIdentifiers.length > 0) {
    const provider = pool.developerProviderName;
    if (provider === undefined) return modelError("NotAuthorizedException", messages.developerProviderNotSupported());
    for (const subject of input.DeveloperUserIdentifiers) logins.push({ provider, subject });
  }
  for (const l of input.linkedLogins ?? []) logins.push({ provider: l.provider, subject: l.subject });

  const unique: LinkedLogin[] = [];
  for (const l of logins) {
    if (unique.some((u) => u.provider === l.provider && u.subject === l.subject)) continue;
    // IDN-7: one login per provider; a developer provider may hold several user identifiers.
    if (l.provider !== pool.developerProviderName && unique.some((u) => u.provider === l.provider)) {
      return modelError("ResourceConflictException", messages.providerAlreadyLinked(l.provider));
    }
    const owner = ownerOf(state, data, l);
    if (owner) return modelError("ResourceConflictException", messages.loginLinkedElsewhere(l.provider, owner.id));
    unique.push(l);
  }
  const limit = state.config.quotas.linkedLoginsPerIdentity;
  if (unique.length > limit) return modelError("LimitExceededException", messages.tooManyLinkedLogins(limit));
  // IDN-9, IDN-13: a disabled identity has no logins.
  if (input.disabled && unique.length > 0) return invalid(messages.disabledWithLogins());
  const created = input.created === undefined ? ctx.now : Date.parse(input.created);
  const modified = input.modified === undefined ? created : Date.parse(input.modified);
  if (modified < created) return invalid(messages.modifiedBeforeCreated());

  const id = newId(state, data.region, input.IdentityId, "identity");
  if (isModelError(id)) return id;
  const [next, identity] = createIdentity(state, data, created, unique.length === 0 ? NO_LOGINS : unique, id);
  const stored: Identity = { ...identity, modified, ...(input.disabled ? { disabled: true as const } : {}) };
  return [{ ...next, identities: next.identities.set(stored) }, stored];
}
