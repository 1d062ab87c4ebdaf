// Client-side pacing for a real account: each operation's requests are spaced to stay under
// its documented rate (src/model/config.ts), and undocumented operations get a cautious rate.
import { defaultRateLimits } from "../../model/index.js";
import type { Target } from "../target.js";

export interface RateLimitOptions {
  /** Requests per second per operation; the model's documented limits by default. */
  perSecond?: Partial<Record<string, number>>;
  /** For operations without a documented limit. */
  fallbackPerSecond?: number;
  /** Fraction of the limit to use, leaving room for the account's other callers. */
  headroom?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const undocumentedRatePerSecond = 2;

export function rateLimited(target: Target, options: RateLimitOptions = {}): Target {
  const perSecond = { ...defaultRateLimits, ...options.perSecond };
  const fallback = options.fallbackPerSecond ?? undocumentedRatePerSecond;
  const headroom = options.headroom ?? 0.8;
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const nextSlot = new Map<string, number>();

  const limited: Target = {
    name: target.name,
    account: target.account,
    region: target.region,
    revealsRegion: target.revealsRegion,
    async send(op, input, sendOptions) {
      const interval = 1000 / ((perSecond[op] ?? fallback) * headroom);
      const now = clock();
      const slot = Math.max(now, nextSlot.get(op) ?? now);
      nextSlot.set(op, slot + interval);
      if (slot > now) await sleep(slot - now);
      return target.send(op, input, sendOptions);
    },
  };
  if (target.reset) limited.reset = () => target.reset!();
  if (target.close) limited.close = () => target.close!();
  return limited;
}
