// Request-rate limits over the commands' logical time: fixed one-second windows per account,
// Region and operation (RATE-3, RATE-4). Only accepted commands are counted (RATE-5), so a refused command
// leaves the state exactly as it was.
import type { State } from "./state.js";
import type { Context } from "./types.js";

const keyOf = (ctx: Context, op: string) => `${ctx.account}/${ctx.region}/${op}`;
const secondOf = (ctx: Context) => Math.floor(ctx.now / 1000);

function limitOf(state: State, op: string): number | undefined {
  return state.config.rateLimiting.enabled ? state.config.rateLimiting.perSecond[op] : undefined;
}

export function isThrottled(state: State, ctx: Context, op: string): boolean {
  const limit = limitOf(state, op);
  if (limit === undefined) return false;
  const window = state.rates.get(keyOf(ctx, op));
  return window !== undefined && window.second === secondOf(ctx) && window.count >= limit;
}

export function countRequest(state: State, ctx: Context, op: string): State {
  if (limitOf(state, op) === undefined) return state;
  const key = keyOf(ctx, op);
  const window = state.rates.get(key);
  const second = secondOf(ctx);
  const count = window !== undefined && window.second === second ? window.count + 1 : 1;
  return { ...state, rates: state.rates.set(key, { second, count }) };
}
