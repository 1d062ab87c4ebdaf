// Init files (spec/init.md): what should exist when a fake or a server starts, as JSON a person
// writes, applied as commands through `step` (INIT-1, INIT-2); and the export of a state in the same
// format (INIT-5), which an init re-imports to the same export.
import type { CreateIdentityPoolInput, RoleMapping } from "@aws-sdk/client-cognito-identity";
import { parseRoles, type IamRole } from "./iam/roles.js";
import { poolDataKey } from "./identity-state.js";
import { poolOutput } from "./operations/common.js";
import { regionOfId } from "./operations/identity-common.js";
import { initIdentitySchema, type InitIdentity } from "./operations/init.js";
import { isRegionName } from "./regions.js";
import { firstProblem, memberPath, type Schema } from "./schema.js";
import { cognitoShapes } from "./shapes.js";
import type { State } from "./state.js";
import { step } from "./step.js";
import type { Context, RawCommand } from "./types.js";

export type { InitIdentity } from "./operations/init.js";

export interface InitPrincipalTags {
  IdentityProviderName: string;
  UseDefaults?: boolean;
  PrincipalTags?: Record<string, string>;
}

/** One pool: CreateIdentityPool's input, an optional id, account and Region, then what SetIdentityPoolRoles, SetPrincipalTagAttributeMap and the identities add. */
export interface InitPool extends Partial<CreateIdentityPoolInput> {
  IdentityPoolId?: string;
  /** Default: the fake's account. */
  account?: string;
  /** Default: the Region of `IdentityPoolId`, else the fake's Region. */
  region?: string;
  roles?: { Roles?: Record<string, string>; RoleMappings?: Record<string, RoleMapping> };
  principalTags?: InitPrincipalTags[];
  identities?: InitIdentity[];
}

export interface InitFile {
  $schema?: string;
  version?: 1;
  /** IAM-7: the registered roles, as `aws iam list-roles` prints them. */
  iamRoles?: unknown;
  pools?: InitPool[];
}

export type InitResult = { ok: true; state: State } | { ok: false; reason: string };

const any: Schema = { type: "any" };
const optionalRecord = (members: Record<string, Schema>): Schema => ({ type: "record", members, optional: Object.keys(members) });
const createMembers = Object.fromEntries(Object.keys(cognitoShapes.shape("CreateIdentityPoolInput").members ?? {}).map((m) => [m, any]));

// The file's own members are checked here; the members of AWS inputs (PascalCase) by the operations they go to.
const poolSchema = optionalRecord({
  IdentityPoolId: { type: "shape", name: "IdentityPoolId", shapes: cognitoShapes },
  account: { type: "string", refine: (v: string) => (/^\d{12}$/.test(v) ? undefined : "expected 12 digits") },
  region: { type: "string", refine: (v: string) => (isRegionName(v) ? undefined : "expected the name of an AWS Region") },
  ...createMembers,
  roles: optionalRecord({ Roles: any, RoleMappings: any }),
  principalTags: { type: "list", item: { type: "record", members: { IdentityProviderName: any, UseDefaults: any, PrincipalTags: any }, optional: ["UseDefaults", "PrincipalTags"] } },
  identities: { type: "list", item: initIdentitySchema },
});

const fileSchema = optionalRecord({
  $schema: { type: "string" },
  version: { type: "literal", value: 1 },
  iamRoles: any,
  pools: { type: "list", item: poolSchema },
});

/**
 * INIT-1, INIT-2: `state` with what `file` describes, each entry applied as the command it stands for
 * at `defaults.now`; or the first refusal, as `<path of the entry>: <error type>: <message>`.
 */
export function applyInit(state: State, file: unknown, defaults: { account: string; region: string; now: number }, root = "init"): InitResult {
  const problem = firstProblem(fileSchema, file, root);
  if (problem) return { ok: false, reason: `${problem.path}: ${problem.reason}` };
  const init = file as InitFile;
  const { config, rates } = state;
  // Seeding is not traffic: no rate limit applies and no request is counted (INIT-2).
  let current: State = { ...state, config: { ...config, rateLimiting: { ...config.rateLimiting, enabled: false } } };
  if (init.iamRoles !== undefined) {
    const roles = parseRoles(init.iamRoles);
    if (!roles.ok) return { ok: false, reason: `${root}.iamRoles: ${roles.reason}` };
    current = { ...current, config: { ...current.config, iam: { ...current.config.iam, roles: roles.value } } };
  }
  for (const [i, pool] of (init.pools ?? []).entries()) {
    const at = `${root}.pools[${i}]`;
    const { IdentityPoolId: given, account, region: named, roles, principalTags, identities, ...create } = pool;
    const region = given === undefined ? (named ?? defaults.region) : regionOfId(given);
    if (named !== undefined && named !== region) return { ok: false, reason: `${memberPath(at, "region")}: the pool id ${given} is of Region ${region}` };
    const ctx: Context = { account: account ?? defaults.account, region, now: defaults.now };
    const [next, created] = step(current, { op: "CreateIdentityPool", input: create, context: { ...ctx, id: given } });
    if (!created.ok) return { ok: false, reason: `${at}: ${created.error.type}: ${created.error.message}` };
    current = next;
    const IdentityPoolId = (created.output as { IdentityPoolId: string }).IdentityPoolId;
    // The pool's other entries, each with its path, applied in order until one is refused.
    const commands: [string, RawCommand][] = [];
    if (roles) commands.push([`${at}.roles`, { op: "SetIdentityPoolRoles", input: { IdentityPoolId, Roles: {}, ...roles }, context: ctx }]);
    for (const [j, tags] of (principalTags ?? []).entries()) {
      commands.push([`${at}.principalTags[${j}]`, { op: "SetPrincipalTagAttributeMap", input: { IdentityPoolId, ...tags }, context: ctx }]);
    }
    for (const [k, identity] of (identities ?? []).entries()) {
      commands.push([`${at}.identities[${k}]`, { service: "init", op: "CreateIdentity", input: { IdentityPoolId, ...identity }, context: ctx }]);
    }
    for (const [path, command] of commands) {
      const [after, result] = step(current, command);
      if (!result.ok) return { ok: false, reason: `${path}: ${result.error.type}: ${result.error.message}` };
      current = after;
    }
  }
  return { ok: true, state: { ...current, config: { ...config, iam: current.config.iam }, rates } };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * INIT-5: the state as an init file: every pool of every account and Region in creation order, its
 * settings, tags, roles, role mappings, principal-tag maps and identities (ids, logins, dates,
 * disabled), and the registered roles.
 */
export function exportInit(state: State): InitFile & { version: 1; pools: InitPool[] } {
  const pools: InitPool[] = [];
  for (const [key, ns] of state.namespaces.entriesAfter()) {
    const account = key.slice(0, key.indexOf("/"));
    const region = key.slice(key.indexOf("/") + 1);
    for (const [, id] of ns.order.entriesAfter()) {
      const { IdentityPoolTags, ...settings } = poolOutput(ns.pools.get(id)!);
      const entry: InitPool = { account, ...settings };
      if (IdentityPoolTags && Object.keys(IdentityPoolTags).length > 0) entry.IdentityPoolTags = IdentityPoolTags;
      const data = state.poolData.get(poolDataKey(account, region, id));
      if (data) {
        const hasMappings = Object.keys(data.roleMappings).length > 0;
        if (Object.keys(data.roles).length > 0 || hasMappings) {
          entry.roles = { Roles: { ...data.roles }, ...(hasMappings ? { RoleMappings: structuredClone({ ...data.roleMappings }) } : {}) };
        }
        const tags = Object.entries(data.principalTagMaps).map(([IdentityProviderName, map]) => ({ IdentityProviderName, UseDefaults: map.useDefaults, PrincipalTags: { ...map.tags } }));
        if (tags.length > 0) entry.principalTags = tags;
        const identities: InitIdentity[] = [];
        for (const [, identityId] of data.order.entriesAfter()) {
          const identity = state.identities.get(identityId)!;
          const written: InitIdentity = { IdentityId: identity.id };
          if (identity.logins.length > 0) written.linkedLogins = identity.logins.map((l) => ({ provider: l.provider, subject: l.subject }));
          written.created = iso(identity.created);
          if (identity.modified !== identity.created) written.modified = iso(identity.modified);
          if (identity.disabled) written.disabled = true;
          identities.push(written);
        }
        if (identities.length > 0) entry.identities = identities;
      }
      pools.push(entry);
    }
  }
  const roles: IamRole[] = structuredClone([...state.config.iam.roles]);
  return { version: 1, ...(roles.length > 0 ? { iamRoles: { Roles: roles } } : {}), pools };
}
