// TagResource, UntagResource, ListTagsForResource: addressed by the pool's ARN.
import type {
  ListTagsForResourceInput,
  ListTagsForResourceResponse,
  TagResourceInput,
  UntagResourceInput,
} from "@aws-sdk/client-cognito-identity";
import { parsePoolArn, partitionOf } from "../arn.js";
import { messages, modelError, type ModelError } from "../errors.js";
import type { Pool, State } from "../state.js";
import { fail, ok, type Context, type Result } from "../types.js";
import { checkTagCount, findPool, isModelError } from "./common.js";
import { updatePool } from "./pools.js";

/**
 * TAG-8: a ResourceArn that is no ARN at all (a bare pool id) fails IAM authorization before the
 * service sees it. The caller is named by its account's root ARN: the model knows no principal.
 */
function notAnArn(ctx: Context, op: string, resource: string): ModelError {
  const principal = `arn:${partitionOf(ctx.region)}:iam::${ctx.account}:root`;
  return modelError("AccessDeniedException", messages.notAuthorizedOnResource(principal, `cognito-identity:${op}`, resource));
}

/** TAG-6, TAG-7: a malformed ARN is an invalid parameter; another account's, Region's or a missing pool is not found. */
function poolByArn(state: State, ctx: Context, arn: string, op: string): Pool | ModelError {
  if (!arn.startsWith("arn:")) return notAnArn(ctx, op, arn);
  const parsed = parsePoolArn(arn);
  if (!parsed) return modelError("InvalidParameterException", messages.invalidArn(arn));
  const here = parsed.partition === partitionOf(ctx.region) && parsed.region === ctx.region && parsed.account === ctx.account;
  return here ? findPool(state, ctx, parsed.poolId) : modelError("ResourceNotFoundException", messages.poolNotFound(parsed.poolId));
}

export function tagResource(state: State, ctx: Context, input: TagResourceInput): [State, Result<Record<string, never>>] {
  const pool = poolByArn(state, ctx, input.ResourceArn!, "TagResource");
  if (isModelError(pool)) return [state, fail(pool)];
  const merged = { ...pool.tags, ...input.Tags };
  const tagError = checkTagCount(state, merged);
  if (tagError) return [state, fail(tagError)];
  return [updatePool(state, ctx, pool, (draft) => void (draft.tags = merged)), ok({})];
}

export function untagResource(state: State, ctx: Context, input: UntagResourceInput): [State, Result<Record<string, never>>] {
  const pool = poolByArn(state, ctx, input.ResourceArn!, "UntagResource");
  if (isModelError(pool)) return [state, fail(pool)];
  const present = input.TagKeys!.filter((key) => Object.prototype.hasOwnProperty.call(pool.tags, key));
  if (present.length === 0) return [state, ok({})];
  const remaining = Object.fromEntries(Object.entries(pool.tags).filter(([key]) => !present.includes(key)));
  return [updatePool(state, ctx, pool, (draft) => void (draft.tags = remaining)), ok({})];
}

export function listTagsForResource(state: State, ctx: Context, input: ListTagsForResourceInput): [State, Result<ListTagsForResourceResponse>] {
  const pool = poolByArn(state, ctx, input.ResourceArn!, "ListTagsForResource");
  return isModelError(pool) ? [state, fail(pool)] : [state, ok({ Tags: { ...pool.tags } })];
}
