// Deliberately broken copies of the model, each a target: the proof that the check finds
// bugs. Each wraps the real `step` (or its configuration); none copies model code.
import { step, type OperationName, type RawCommand, type Result, type State } from "../model/index.js";
import type { Target } from "./target.js";
import { modelTarget, type ModelTargetOptions, type StepFunction } from "./targets/model.js";

export interface Mutant {
  name: string;
  /** The operation where the check must report it. */
  operation: OperationName;
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

const mutant = (name: string, operation: OperationName, make: (options: ModelTargetOptions) => ModelTargetOptions): Mutant => ({
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
];
