// A role's trust policy, read once into a form the evaluator walks (spec/iam.md IAM-2). The document
// comes as IAM hands it out: an object (the AWS CLI decodes it) or a URL-encoded JSON string (the API).
import { isRecord, MAX_NESTING, nestedDeeperThan, setOwn } from "../records.js";
import { conditionOperator, type ConditionOperator } from "./conditions.js";

export type Effect = "Allow" | "Deny";

/** `"*"`, or principal type (`AWS`, `Federated`, `Service`, `CanonicalUser`) -> identifiers. */
export type PrincipalSet = "*" | Readonly<Record<string, readonly string[]>>;

export interface Condition {
  /** As written, for messages. */
  readonly operator: string;
  readonly op: ConditionOperator;
  readonly set?: "ForAnyValue" | "ForAllValues";
  readonly ifExists: boolean;
  /** Condition keys are case-insensitive: kept lowercased. */
  readonly key: string;
  readonly values: readonly string[];
}

export interface Statement {
  readonly sid?: string;
  readonly effect: Effect;
  readonly principal?: PrincipalSet;
  readonly notPrincipal?: PrincipalSet;
  /** Lowercased patterns; exactly one of action and notAction is present. */
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly conditions: readonly Condition[];
}

export interface PolicyDocument {
  /** IAM-4: policy variables are substituted only under "2012-10-17". */
  readonly version: "2012-10-17" | "2008-10-17";
  readonly statements: readonly Statement[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

/**
 * The JSON of a document given as an object, a JSON string, or URL-encoded JSON (IAM's
 * GetRole/ListRoles). VAL-20: refused when nested deeper than MAX_NESTING, as it is kept in the state.
 */
export function decodePolicyDocument(document: unknown): Parsed<Record<string, unknown>> {
  const decoded = decodeJson(document);
  return decoded.ok && nestedDeeperThan(decoded.value, MAX_NESTING) ? bad(`the policy document is nested deeper than ${MAX_NESTING} levels`) : decoded;
}

function decodeJson(document: unknown): Parsed<Record<string, unknown>> {
  if (isRecord(document)) return { ok: true, value: document };
  if (typeof document !== "string") return bad("the policy document is neither an object nor a string");
  for (const text of [document, safeDecode(document)]) {
    if (text === undefined) continue;
    try {
      const value: unknown = JSON.parse(text);
      if (isRecord(value)) return { ok: true, value };
    } catch {
      // Try the URL-decoded form next.
    }
  }
  return bad("the policy document is not JSON, nor URL-encoded JSON");
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, "%20"));
  } catch {
    return undefined;
  }
}

/** A JSON value a policy may give as one string or a list of them; numbers and booleans read as their text. */
function stringList(value: unknown, what: string): Parsed<string[]> {
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === "string") out.push(item);
    else if (typeof item === "number" || typeof item === "boolean") out.push(String(item));
    else return bad(`${what} must be a string or a list of strings`);
  }
  return { ok: true, value: out };
}

function principalSet(value: unknown, what: string): Parsed<PrincipalSet> {
  if (value === "*") return { ok: true, value: "*" };
  if (!isRecord(value)) return bad(`${what} must be "*" or an object of principal types`);
  const out: Record<string, readonly string[]> = {};
  for (const [type, ids] of Object.entries(value)) {
    const list = stringList(ids, `${what}.${type}`);
    if (!list.ok) return list;
    setOwn(out, type, list.value);
  }
  return { ok: true, value: out };
}

function conditions(value: unknown, where: string): Parsed<Condition[]> {
  if (value === undefined) return { ok: true, value: [] };
  if (!isRecord(value)) return bad(`${where}: Condition must be an object`);
  const out: Condition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const m = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/i.exec(operator)!;
    const op = conditionOperator(m[2]!);
    if (!op || (m[3] && op.name === "Null")) return bad(`${where}: unknown condition operator ${operator}`);
    const set = m[1] === undefined ? undefined : m[1].toLowerCase() === "foranyvalue" ? "ForAnyValue" : "ForAllValues";
    if (!isRecord(block)) return bad(`${where}: the ${operator} block must be an object of condition keys`);
    for (const [key, raw] of Object.entries(block)) {
      const values = stringList(raw, `${where}: ${operator} ${key}`);
      if (!values.ok) return values;
      out.push({
        operator,
        op,
        ...(set ? { set } : {}),
        ifExists: m[3] !== undefined,
        key: key.toLowerCase(),
        values: values.value,
      });
    }
  }
  return { ok: true, value: out };
}

function statement(raw: unknown, index: number): Parsed<Statement> {
  const where = `Statement ${index + 1}`;
  if (!isRecord(raw)) return bad(`${where} is not an object`);
  if (raw.Effect !== "Allow" && raw.Effect !== "Deny") return bad(`${where}: Effect must be "Allow" or "Deny"`);
  // IAM-2: what IAM's CreateRole refuses in a trust policy (MalformedPolicyDocument) is refused here too.
  const given = (k: string) => raw[k] !== undefined;
  if (given("Resource") || given("NotResource")) return bad(`${where}: a trust policy may not name a Resource (IAM: "Has prohibited field Resource")`);
  if (given("Principal") === given("NotPrincipal")) return bad(`${where}: exactly one of Principal and NotPrincipal is required`);
  if (given("Action") === given("NotAction")) return bad(`${where}: exactly one of Action and NotAction is required`);
  const principal = given("Principal") ? principalSet(raw.Principal, `${where}: Principal`) : undefined;
  if (principal && !principal.ok) return principal;
  const notPrincipal = given("NotPrincipal") ? principalSet(raw.NotPrincipal, `${where}: NotPrincipal`) : undefined;
  if (notPrincipal && !notPrincipal.ok) return notPrincipal;
  const actionKey = given("Action") ? "Action" : "NotAction";
  const actions = stringList(raw[actionKey], `${where}: ${actionKey}`);
  if (!actions.ok) return actions;
  const conds = conditions(raw.Condition, where);
  if (!conds.ok) return conds;
  const patterns = actions.value.map((a) => a.toLowerCase());
  return {
    ok: true,
    value: {
      ...(typeof raw.Sid === "string" && raw.Sid !== "" ? { sid: raw.Sid } : {}),
      effect: raw.Effect,
      ...(principal ? { principal: principal.value } : {}),
      ...(notPrincipal ? { notPrincipal: notPrincipal.value } : {}),
      ...(actionKey === "Action" ? { action: patterns } : { notAction: patterns }),
      conditions: conds.value,
    },
  };
}

/** IAM-2: a trust policy document read for evaluation, or the reason IAM would not have accepted it. */
export function parsePolicyDocument(document: unknown): Parsed<PolicyDocument> {
  const decoded = decodePolicyDocument(document);
  if (!decoded.ok) return decoded;
  const { Version, Statement: raw } = decoded.value;
  if (Version !== undefined && Version !== "2012-10-17" && Version !== "2008-10-17") {
    return bad(`Version must be "2012-10-17" or "2008-10-17", not ${JSON.stringify(Version)}`);
  }
  if (raw === undefined) return bad("the policy has no Statement");
  const statements: Statement[] = [];
  for (const [i, s] of (Array.isArray(raw) ? raw : [raw]).entries()) {
    const parsed = statement(s, i);
    if (!parsed.ok) return parsed;
    statements.push(parsed.value);
  }
  return { ok: true, value: { version: Version === "2012-10-17" ? "2012-10-17" : "2008-10-17", statements } };
}
