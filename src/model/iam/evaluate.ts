// One request against one trust policy (spec/iam.md IAM-1..IAM-6): an explicit Deny wins, then any
// Allow; nothing that applies is an implicit deny. Pure: the request carries its whole context.
import { hasOwn as has } from "../records.js";
import { globMatches, type PolicyValue } from "./conditions.js";
import type { Condition, PolicyDocument, PrincipalSet, Statement } from "./policy.js";

/** A context value; a list is a multivalued key (IAM-5), even with one member. */
export type ContextValue = string | readonly string[];

export interface AuthorizationRequest {
  /** `service:Action`, e.g. `sts:AssumeRoleWithWebIdentity`. */
  action: string;
  /** The principal type as a policy names it (`Federated`, `AWS`, `Service`) and its identifier. */
  principal: { type: string; id: string };
  /** Condition keys, lowercased (IAM's keys are case-insensitive), to their values. */
  context: Readonly<Record<string, ContextValue>>;
}

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

export interface Evaluation {
  decision: Decision;
  /** The statement that decided (1-based), absent for an implicit deny. */
  statement?: number;
}

function principalMatches(set: PrincipalSet, principal: AuthorizationRequest["principal"]): boolean {
  if (set === "*") return true;
  // IAM's user guide: `{"AWS": "*"}` is the same as `"*"`, every principal.
  if (has(set, "AWS") && set.AWS!.includes("*")) return true;
  return has(set, principal.type) && set[principal.type]!.includes(principal.id);
}

function actionMatches(patterns: readonly string[], action: string): boolean {
  const wanted = action.toLowerCase();
  return patterns.some((p) => globMatches(p, wanted));
}

/**
 * IAM-4: `${key}` takes the key's single value, `${key, 'default'}` a default when the key is absent,
 * `${*}`, `${?}`, `${$}` the character itself. A value whose variable cannot be put in matches nothing.
 */
function substitute(value: string, context: AuthorizationRequest["context"]): PolicyValue | undefined {
  const parts: (string | { literal: string })[] = [];
  let last = 0;
  for (const m of value.matchAll(/\$\{([^}]*)\}/g)) {
    parts.push(value.slice(last, m.index));
    last = m.index! + m[0].length;
    const inner = m[1]!.trim();
    if (inner === "*" || inner === "?" || inner === "$") {
      parts.push({ literal: inner });
      continue;
    }
    const d = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(inner);
    const key = (d ? d[1]! : inner).toLowerCase();
    const found = has(context, key) ? context[key] : undefined;
    if (typeof found === "string") parts.push({ literal: found });
    else if (found === undefined && d) parts.push({ literal: d[2]! });
    else return undefined;
  }
  parts.push(value.slice(last));
  return parts.filter((p) => p !== "");
}

function conditionHolds(condition: Condition, request: AuthorizationRequest, variables: boolean): boolean {
  const { op, key, set } = condition;
  const present = has(request.context, key);
  if (op.name === "Null") return condition.values.some((v) => (v.toLowerCase() === "true" ? !present : v.toLowerCase() === "false" && present));
  if (!present) {
    // IAM-6: a missing key.
    if (set === "ForAllValues") return true;
    if (set === "ForAnyValue") return false;
    return condition.ifExists || op.negated;
  }
  const policyValues = condition.values
    .map((v) => (variables && op.variables ? substitute(v, request.context) : [v]))
    .filter((v): v is PolicyValue => v !== undefined);
  const one = (contextValue: string) => {
    const hit = policyValues.some((p) => op.matches(contextValue, p));
    return op.negated ? !hit : hit;
  };
  const value = request.context[key]!;
  const values = typeof value === "string" ? [value] : value;
  if (set === "ForAnyValue") return values.some(one);
  if (set === "ForAllValues") return values.every(one);
  // IAM-5: a multivalued key needs a set operator; without one the condition does not hold.
  if (typeof value !== "string") return false;
  return one(value);
}

function statementApplies(statement: Statement, request: AuthorizationRequest, variables: boolean): boolean {
  if (statement.principal && !principalMatches(statement.principal, request.principal)) return false;
  if (statement.notPrincipal && principalMatches(statement.notPrincipal, request.principal)) return false;
  if (statement.action && !actionMatches(statement.action, request.action)) return false;
  if (statement.notAction && actionMatches(statement.notAction, request.action)) return false;
  return statement.conditions.every((c) => conditionHolds(c, request, variables));
}

/** IAM-1: the decision of a trust policy on one request. */
export function evaluatePolicy(policy: PolicyDocument, request: AuthorizationRequest): Evaluation {
  const variables = policy.version === "2012-10-17";
  let allowed: number | undefined;
  for (const [i, statement] of policy.statements.entries()) {
    if (!statementApplies(statement, request, variables)) continue;
    if (statement.effect === "Deny") return { decision: "ExplicitDeny", statement: i + 1 };
    allowed ??= i + 1;
  }
  return allowed === undefined ? { decision: "ImplicitDeny" } : { decision: "Allow", statement: allowed };
}
