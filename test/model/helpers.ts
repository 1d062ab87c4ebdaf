// Small helpers shared by the model's rule tests.
import { expect } from "vitest";
import type { IdentityPool } from "@aws-sdk/client-cognito-identity";
import {
  initialState,
  poolArn,
  step,
  type Context,
  type ModelConfigInput,
  type Result,
  type State,
} from "../../src/model/index.js";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const NOW = 1_700_000_000_000;

export const ctx: Context = { account: ACCOUNT, region: REGION, now: NOW };

export const at = (overrides: Partial<Context>): Context => ({ ...ctx, ...overrides });

/** Runs one command given as raw data (any op, any input). */
export function run(state: State, op: string, input: unknown, context: Context = ctx): [State, Result] {
  return step(state, { op, input, context });
}

/** Expects success and returns the output. */
export function okOutput<T = Record<string, unknown>>(result: Result): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.type}: ${result.error.message}`);
  return result.output as T;
}

/** Expects a refusal with exactly this type and message. */
export function expectError(result: Result, type: string, message: string): void {
  expect(result).toEqual({ ok: false, error: { type, message } });
}

/** Creates a pool (the input is merged over a minimal valid one) and returns the new state and pool. */
export function createPool(
  state: State,
  input: Record<string, unknown> = {},
  context: Context = ctx,
): [State, IdentityPool] {
  const [next, result] = run(state, "CreateIdentityPool", { IdentityPoolName: "pool", AllowUnauthenticatedIdentities: false, ...input }, context);
  return [next, okOutput<IdentityPool>(result)];
}

/** Creates `n` pools named p0, p1, ... and returns the state and their ids in creation order. */
export function createPools(state: State, n: number, context: Context = ctx): [State, string[]] {
  const ids: string[] = [];
  let s = state;
  for (let i = 0; i < n; i++) {
    const [next, pool] = createPool(s, { IdentityPoolName: `p${i}` }, context);
    s = next;
    ids.push(pool.IdentityPoolId!);
  }
  return [s, ids];
}

export const arnOf = (poolId: string, context: Context = ctx) => poolArn(context.account, context.region, poolId);

export function fresh(config: ModelConfigInput = {}): State {
  return initialState(config);
}

/** `n` tags k0=v0, k1=v1, ... */
export function tags(n: number, prefix = "k"): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `v${i}`]));
}
