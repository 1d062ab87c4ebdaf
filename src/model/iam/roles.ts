// The role registry (spec/iam.md IAM-7): roles as `aws iam list-roles` prints them, kept in the
// model's config as plain JSON, looked up by account and role name.
import { parseRoleArn } from "../arn.js";
import { isRecord } from "../records.js";
import { COGNITO_FEDERATED_PRINCIPAL } from "./principal.js";
import { decodePolicyDocument, parsePolicyDocument, type Parsed, type PolicyDocument } from "./policy.js";

/** A registered role: the members of IAM's Role this model reads, the trust policy decoded. */
export interface IamRole {
  readonly RoleName: string;
  readonly Arn: string;
  /** Seconds; IAM's default is 3600 (STS-9). */
  readonly MaxSessionDuration: number;
  readonly AssumeRolePolicyDocument: Readonly<Record<string, unknown>>;
}

export interface IamConfig {
  /** The registered roles. */
  readonly roles: readonly IamRole[];
  /** IAM-8: refuse roles that are not registered. Off: they behave as if they trusted everyone. */
  readonly strict: boolean;
}

export const DEFAULT_MAX_SESSION_DURATION = 3600;


/** IAM's role names are unique in an account whatever their case (CreateRole). */
const roleKey = (account: string, name: string) => `${account}/${name.toLowerCase()}`;

function parseRole(raw: unknown, index: number): Parsed<IamRole> {
  const where = `role ${index + 1}`;
  if (!isRecord(raw)) return { ok: false, reason: `${where} is not an object` };
  const { RoleName, Arn, MaxSessionDuration, AssumeRolePolicyDocument } = raw;
  if (typeof Arn !== "string") return { ok: false, reason: `${where} has no Arn` };
  const arn = parseRoleArn(Arn);
  if (!arn) return { ok: false, reason: `${where}: ${Arn} is not a role ARN` };
  if (RoleName !== undefined && RoleName !== arn.name) return { ok: false, reason: `${where}: RoleName ${String(RoleName)} is not the name in ${Arn}` };
  if (MaxSessionDuration !== undefined && (!Number.isInteger(MaxSessionDuration) || (MaxSessionDuration as number) < 3600 || (MaxSessionDuration as number) > 43200)) {
    return { ok: false, reason: `${where} (${Arn}): MaxSessionDuration must be a whole number of seconds from 3600 to 43200` };
  }
  if (AssumeRolePolicyDocument === undefined) return { ok: false, reason: `${where} (${Arn}) has no AssumeRolePolicyDocument` };
  const policy = parsePolicyDocument(AssumeRolePolicyDocument);
  if (!policy.ok) return { ok: false, reason: `${where} (${Arn}): AssumeRolePolicyDocument: ${policy.reason}` };
  // IAM-2: IAM refuses a trust policy that lets any identity pool assume the role.
  const unconditioned = policy.value.statements.findIndex(
    (st) => st.effect === "Allow" && st.conditions.length === 0 && st.principal !== undefined && st.principal !== "*" && st.principal.Federated?.includes(COGNITO_FEDERATED_PRINCIPAL),
  );
  if (unconditioned >= 0) {
    return { ok: false, reason: `${where} (${Arn}): statement ${unconditioned + 1} trusts ${COGNITO_FEDERATED_PRINCIPAL} without a condition, which IAM refuses: it would let every identity pool assume the role` };
  }
  const decoded = decodePolicyDocument(AssumeRolePolicyDocument);
  return {
    ok: true,
    value: {
      RoleName: arn.name,
      Arn,
      MaxSessionDuration: (MaxSessionDuration as number | undefined) ?? DEFAULT_MAX_SESSION_DURATION,
      AssumeRolePolicyDocument: decoded.ok ? decoded.value : {},
    },
  };
}

/**
 * IAM-7: roles from the output of `aws iam list-roles` (`{"Roles": [...]}`), `aws iam get-role`
 * (`{"Role": {...}}`) or a list of roles; the reason when it is none of them or a role is malformed.
 */
export function parseRoles(input: unknown): Parsed<IamRole[]> {
  const list = Array.isArray(input) ? input : isRecord(input) && Array.isArray(input.Roles) ? input.Roles : isRecord(input) && isRecord(input.Role) ? [input.Role] : undefined;
  if (!list) return { ok: false, reason: 'expected the output of `aws iam list-roles` ({"Roles": [...]}), of `aws iam get-role` ({"Role": {...}}), or a list of roles' };
  const roles: IamRole[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of list.entries()) {
    const role = parseRole(raw, i);
    if (!role.ok) return role;
    const arn = parseRoleArn(role.value.Arn)!;
    const key = roleKey(arn.account, arn.name);
    if (seen.has(key)) return { ok: false, reason: `role ${i + 1}: account ${arn.account} already has a role named ${arn.name}` };
    seen.add(key);
    roles.push(role.value);
  }
  return { ok: true, value: roles };
}

export interface RegisteredRole {
  readonly role: IamRole;
  readonly policy: PolicyDocument;
}

const registries = new WeakMap<IamConfig, Map<string, RegisteredRole>>();

/** The registry of a config, read once per config object. */
function registryOf(iam: IamConfig): Map<string, RegisteredRole> {
  let registry = registries.get(iam);
  if (!registry) {
    registry = new Map();
    for (const role of iam.roles) {
      const arn = parseRoleArn(role.Arn);
      const policy = parsePolicyDocument(role.AssumeRolePolicyDocument);
      // Roles reach the config only through parseRoles; one that does not read is left out, never thrown on.
      if (arn && policy.ok) registry.set(roleKey(arn.account, arn.name), { role, policy: policy.value });
    }
    registries.set(iam, registry);
  }
  return registry;
}

/** IAM-7: the registered role an ARN names (by account and name, as STS finds roles); undefined when none. */
export function registeredRole(iam: IamConfig, roleArn: string): RegisteredRole | undefined {
  if (iam.roles.length === 0) return undefined;
  const arn = parseRoleArn(roleArn);
  return arn ? registryOf(iam).get(roleKey(arn.account, arn.name)) : undefined;
}
