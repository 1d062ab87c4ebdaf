// Does a role trust a Cognito identity (spec/iam.md IAM-9..IAM-11)? The request AWS makes when
// credentials come from an identity pool: sts:AssumeRoleWithWebIdentity by the federated principal
// cognito-identity.amazonaws.com, with the token's aud, sub and amr; sts:TagSession too when the
// session carries tags.
import { evaluatePolicy, type ContextValue, type Decision } from "./evaluate.js";
import { COGNITO_FEDERATED_PRINCIPAL } from "./principal.js";
import { registeredRole, type IamConfig } from "./roles.js";

export { COGNITO_FEDERATED_PRINCIPAL };

export interface WebIdentityRequest {
  roleArn: string;
  /** The token's `aud`: the identity pool id. */
  poolId: string;
  /** The token's `sub`: the identity id. */
  identityId: string;
  /** The token's `amr`. */
  amr: readonly string[];
  /** Principal tags the session would carry. */
  sessionTags: Readonly<Record<string, string>>;
  /** The command's time, epoch milliseconds. */
  now: number;
  /** IAM-12: a basic-flow request for a role of another account than the pool's. */
  crossAccount?: boolean;
}

export type TrustedAction = "sts:AssumeRoleWithWebIdentity" | "sts:TagSession";

export interface TrustRefusal {
  /** The action the role does not allow. */
  action: TrustedAction;
  /** Why: the policy's decision, `unregistered` under IAM-8's strict registry, `crossAccountConditions` (IAM-12). */
  reason: Exclude<Decision, "Allow"> | "unregistered" | "crossAccountConditions";
}

const AUD_KEY = `${COGNITO_FEDERATED_PRINCIPAL}:aud`;
const AMR_KEY = `${COGNITO_FEDERATED_PRINCIPAL}:amr`;

/** IAM-10: the request context of the AssumeRoleWithWebIdentity that credentials for a Cognito identity are. */
export function webIdentityContext(request: WebIdentityRequest): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    [AUD_KEY]: request.poolId,
    [`${COGNITO_FEDERATED_PRINCIPAL}:sub`]: request.identityId,
    [AMR_KEY]: [...request.amr],
    "aws:currenttime": new Date(request.now).toISOString().replace(/\.\d{3}Z$/, "Z"),
    "aws:epochtime": String(Math.floor(request.now / 1000)),
  };
  const keys = Object.keys(request.sessionTags);
  if (keys.length > 0) {
    for (const key of keys) context[`aws:requesttag/${key.toLowerCase()}`] = request.sessionTags[key]!;
    context["aws:tagkeys"] = keys;
  }
  return context;
}

/**
 * IAM-9, IAM-11: undefined when the role trusts the request (or is not registered and the registry
 * is not strict); else the action refused and why.
 */
export function trustRefusal(iam: IamConfig, request: WebIdentityRequest): TrustRefusal | undefined {
  const registered = registeredRole(iam, request.roleArn);
  if (!registered) return iam.strict ? { action: "sts:AssumeRoleWithWebIdentity", reason: "unregistered" } : undefined;
  const context = webIdentityContext(request);
  const principal = { type: "Federated", id: COGNITO_FEDERATED_PRINCIPAL };
  const actions: TrustedAction[] = ["sts:AssumeRoleWithWebIdentity"];
  if (Object.keys(request.sessionTags).length > 0) actions.push("sts:TagSession");
  for (const action of actions) {
    const { decision, statement } = evaluatePolicy(registered.policy, { action, principal, context });
    if (decision !== "Allow") return { action, reason: decision };
    // IAM-12: across accounts, STS wants the statement that allows to test both aud and amr.
    const keys = new Set(registered.policy.statements[statement! - 1]!.conditions.map((c) => c.key));
    if (request.crossAccount && action === "sts:AssumeRoleWithWebIdentity" && !(keys.has(AUD_KEY) && keys.has(AMR_KEY))) {
      return { action, reason: "crossAccountConditions" };
    }
  }
  return undefined;
}
