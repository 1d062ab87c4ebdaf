// Deliberately broken copies of the model, each a target: the proof that the check finds
// bugs. Each wraps the real `step` (or its configuration); none copies model code.
import { messages, step, type OperationName, type RawCommand, type Result, type State } from "../model/index.js";
import type { CheckedOperationName } from "./operation.js";
import type { Target } from "./target.js";
import { modelTarget, type ModelTargetOptions, type StepFunction } from "./targets/model.js";

export interface Mutant {
  name: string;
  /** The operation where the check must report it. */
  operation: CheckedOperationName;
  target(options?: ModelTargetOptions): Target;
}

const realStep: StepFunction = (s, c) => step(s, c);

type Input = Record<string, unknown>;
const inputOf = (command: RawCommand) => (command.input ?? {}) as Input;

/** Runs the real step, then lets `change` rewrite the result of one operation. */
function rewriting(op: OperationName, change: (result: Result, command: RawCommand, before: State) => Result): StepFunction {
  return (state, command) => {
    const [next, result] = realStep(state, command);
    return command.op === op ? [next, change(result, command, state)] : [next, result];
  };
}

/** Another command at the same moment, on the given state: how a mutant asks the model what it needs. */
const ask = (state: State, command: RawCommand, op: OperationName, input: Input): Result => realStep(state, { op, input, context: command.context })[1];

/** The pool of the identity a public call names, read from the model's state. */
function poolOfCall(state: State, command: RawCommand): string | undefined {
  const { IdentityId } = inputOf(command);
  const identity = typeof IdentityId === "string" ? state.identities.get(IdentityId) : undefined;
  return identity && state.poolData.get(identity.pool)?.poolId;
}

/** GetCredentialsForIdentity with the pool's Rules mappings out of the way, then put back. */
function withoutRulesMappings(state: State, command: RawCommand): [State, Result] {
  const poolId = poolOfCall(state, command);
  const roles = poolId === undefined ? undefined : ask(state, command, "GetIdentityPoolRoles", { IdentityPoolId: poolId });
  const { Roles, RoleMappings } = (roles?.ok ? roles.output : {}) as { Roles?: Input; RoleMappings?: Record<string, { Type?: string }> };
  if (!RoleMappings || !Object.values(RoleMappings).some((m) => m.Type === "Rules")) return realStep(state, command);
  const set = (s: State, mappings: Input) =>
    realStep(s, { op: "SetIdentityPoolRoles", input: { IdentityPoolId: poolId, Roles, RoleMappings: mappings }, context: command.context })[0];
  const others = Object.fromEntries(Object.entries(RoleMappings).filter(([, m]) => m.Type !== "Rules"));
  const [next, result] = realStep(set(state, others), command);
  return [set(next, RoleMappings), result];
}

const mutant = (name: string, operation: CheckedOperationName, make: (options: ModelTargetOptions) => ModelTargetOptions): Mutant => ({
  name,
  operation,
  target: (options = {}) => modelTarget({ name: `mutant: ${name}`, ...make(options) }),
});

export const mutants: Mutant[] = [
  mutant("tag limit off by one (51 tags accepted)", "CreateIdentityPool", (o) => ({
    ...o,
    config: { ...o.config, quotas: { ...o.config?.quotas, tagsPerPool: 51 } },
  })),

  mutant("update does not rename", "UpdateIdentityPool", (o) => ({
    ...o,
    step: (state, command) => {
      const [next, result] = realStep(state, command);
      if (command.op !== "UpdateIdentityPool" || !result.ok) return [next, result];
      const [, current] = realStep(state, { op: "DescribeIdentityPool", input: { IdentityPoolId: inputOf(command).IdentityPoolId }, context: command.context });
      const oldName = current.ok ? (current.output as Input).IdentityPoolName : undefined;
      return realStep(state, { ...command, input: { ...inputOf(command), IdentityPoolName: oldName } });
    },
  })),

  mutant("not-found message without its final period", "DescribeIdentityPool", (o) => ({
    ...o,
    step: (state, command) => {
      const [next, result] = realStep(state, command);
      if (result.ok || result.error.type !== "ResourceNotFoundException") return [next, result];
      return [next, { ok: false, error: { ...result.error, message: result.error.message.replace(/\.$/, "") } }];
    },
  })),

  mutant("paginator drops the last page", "ListIdentityPools", (o) => ({
    ...o,
    step: rewriting("ListIdentityPools", (result, command, before) => {
      const output = result.ok ? (result.output as Input) : undefined;
      if (!output?.NextToken) return result;
      const [, following] = realStep(before, { ...command, input: { ...inputOf(command), NextToken: output.NextToken } });
      const isLast = following.ok && !(following.output as Input).NextToken;
      if (!isLast) return result;
      const { NextToken: _, ...rest } = output;
      return { ok: true, output: rest };
    }),
  })),

  mutant("untag ignores the last key", "ListTagsForResource", (o) => ({
    ...o,
    step: (state, command) => {
      const [next, result] = realStep(state, command);
      const keys = inputOf(command).TagKeys;
      if (command.op !== "UntagResource" || !result.ok || !Array.isArray(keys)) return [next, result];
      return realStep(state, { ...command, input: { ...inputOf(command), TagKeys: keys.slice(0, -1) } });
    },
  })),

  mutant("another account's ARN reaches this account's pool", "ListTagsForResource", (o) => ({
    ...o,
    step: (state, command) => {
      const [next, result] = realStep(state, command);
      const arn = inputOf(command).ResourceArn;
      if (result.ok || result.error.type !== "ResourceNotFoundException" || typeof arn !== "string") return [next, result];
      const local = arn.replace(/^(arn:[^:]+:cognito-identity:[^:]+:)\d{12}:/, `$1${command.context.account}:`);
      return realStep(state, { ...command, input: { ...inputOf(command), ResourceArn: local } });
    },
  })),

  mutant("MaxResults capped at 59", "ListIdentityPools", (o) => ({
    ...o,
    step: rewriting("ListIdentityPools", (result, command) =>
      inputOf(command).MaxResults === 60
        ? {
            ok: false,
            error: {
              type: "ValidationException",
              message: "1 validation error detected: Value '60' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 59",
            },
          }
        : result,
    ),
  })),

  mutant("describe omits an empty tag map", "DescribeIdentityPool", (o) => ({
    ...o,
    step: rewriting("DescribeIdentityPool", (result) => {
      if (!result.ok) return result;
      const { IdentityPoolTags, ...rest } = result.output as Input;
      return IdentityPoolTags && Object.keys(IdentityPoolTags).length > 0 ? result : { ok: true, output: rest };
    }),
  })),

  mutant("GetId returns the same guest identity twice", "GetId", (o) => ({
    ...o,
    step: (state, command) => {
      const [next, result] = realStep(state, command);
      const { IdentityPoolId, Logins } = inputOf(command);
      if (command.op !== "GetId" || !result.ok || (Logins && Object.keys(Logins).length > 0)) return [next, result];
      const listed = ask(state, command, "ListIdentities", { IdentityPoolId, MaxResults: 60, HideDisabled: true });
      const identities = listed.ok ? (listed.output as { Identities: { IdentityId: string; Logins?: string[] }[] }).Identities : [];
      const guest = identities.find((i) => !i.Logins?.length);
      return guest ? [state, { ok: true, output: { IdentityId: guest.IdentityId } }] : [next, result];
    },
  })),

  mutant("GetId refuses every user-pool login", "GetId", (o) => ({
    ...o,
    step: (state, command) => {
      const [next, result] = realStep(state, command);
      const { Logins } = inputOf(command) as { Logins?: Record<string, unknown> };
      const userPool = Object.keys(Logins ?? {}).some((key) => key.startsWith("cognito-idp."));
      if (command.op !== "GetId" || !result.ok || !userPool) return [next, result];
      return [state, { ok: false, error: { type: "NotAuthorizedException", message: "Invalid login token." } }];
    },
  })),

  mutant("a disabled identity is not refused", "GetOpenIdToken", (o) => ({
    ...o,
    step: rewriting("GetOpenIdToken", (result, command) => {
      const id = String(inputOf(command).IdentityId);
      return !result.ok && result.error.message === messages.identityForbidden(id) ? { ok: true, output: { IdentityId: id } } : result;
    }),
  })),

  mutant("ListIdentities ignores HideDisabled", "ListIdentities", (o) => ({
    ...o,
    step: (state, command) =>
      command.op === "ListIdentities" ? realStep(state, { ...command, input: { ...inputOf(command), HideDisabled: false } }) : realStep(state, command),
  })),

  mutant("role resolution ignores Rules mappings (always the default role)", "GetCredentialsForIdentity", (o) => ({
    ...o,
    step: (state, command) => (command.op === "GetCredentialsForIdentity" ? withoutRulesMappings(state, command) : realStep(state, command)),
  })),

  mutant("DeleteIdentities reports unknown ids", "DeleteIdentities", (o) => ({
    ...o,
    step: rewriting("DeleteIdentities", (result, command, before) => {
      const ids = inputOf(command).IdentityIdsToDelete;
      if (!result.ok || !Array.isArray(ids)) return result;
      const unknown = ids.filter((id) => !ask(before, command, "DescribeIdentity", { IdentityId: id }).ok);
      if (unknown.length === 0) return result;
      return { ok: true, output: { UnprocessedIdentityIds: unknown.map((IdentityId) => ({ IdentityId, ErrorCode: "InternalServerError" })) } };
    }),
  })),

  mutant("GetOpenIdToken token lives 900 s instead of 600", "GetOpenIdToken", (o) => ({
    ...o,
    config: { ...o.config, tokens: { ...o.config?.tokens, openIdTokenSeconds: 900 } },
  })),

  mutant("MergeDeveloperIdentities returns the source's identity id", "MergeDeveloperIdentities", (o) => ({
    ...o,
    step: rewriting("MergeDeveloperIdentities", (result, command, before) => {
      if (!result.ok) return result;
      const { IdentityPoolId, SourceUserIdentifier } = inputOf(command);
      const source = ask(before, command, "LookupDeveloperIdentity", { IdentityPoolId, DeveloperUserIdentifier: SourceUserIdentifier });
      return source.ok ? { ok: true, output: { IdentityId: (source.output as Input).IdentityId } } : result;
    }),
  })),

  mutant("trust policies ignored (every role trusts every identity)", "GetCredentialsForIdentity", (o) => ({
    ...o,
    config: { ...o.config, iam: { roles: [], strict: false } },
  })),

  mutant("an expired web identity token is accepted", "AssumeRoleWithWebIdentity", (o) => ({
    ...o,
    step: (state, command) => {
      const [next, result] = realStep(state, command);
      if (command.service !== "sts" || result.ok || result.error.type !== "ExpiredTokenException") return [next, result];
      const token = String(inputOf(command).WebIdentityToken);
      const exp = Number(JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")).exp);
      return realStep(state, { ...command, context: { ...command.context, now: exp * 1000 - 1000 } });
    },
  })),

  mutant("LookupDeveloperIdentity drops the last identifier of a page", "LookupDeveloperIdentity", (o) => ({
    ...o,
    step: rewriting("LookupDeveloperIdentity", (result) => {
      const output = result.ok ? (result.output as { DeveloperUserIdentifierList?: string[] }) : undefined;
      const list = output?.DeveloperUserIdentifierList ?? [];
      return output && list.length > 0 ? { ok: true, output: { ...output, DeveloperUserIdentifierList: list.slice(0, -1) } } : result;
    }),
  })),
];
