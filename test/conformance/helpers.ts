import type { Outcome, Target } from "../../src/conformance/target.js";

/** The same target without `reset`: the harness must then clean up after each run itself. */
export function withoutReset(target: Target): Target {
  return { name: target.name, account: target.account, region: target.region, send: (op, input) => target.send(op, input) };
}

/** Wraps a target: `change` may replace the answer to one command. */
export function intercepting(target: Target, change: (op: string, input: unknown, outcome: Outcome) => Outcome): Target & { calls: { op: string; input: unknown }[] } {
  const calls: { op: string; input: unknown }[] = [];
  const wrapped: Target & { calls: typeof calls } = {
    name: target.name,
    account: target.account,
    region: target.region,
    calls,
    async send(op, input) {
      calls.push({ op, input });
      return change(op, input, await target.send(op, input));
    },
  };
  if (target.reset) wrapped.reset = () => target.reset!();
  return wrapped;
}

/** The target, except that one operation is answered by `outcome` without reaching it. */
export function answering(target: Target, op: string, outcome: Outcome): Target {
  return { ...target, send: async (o, input) => (o === op ? outcome : target.send(o, input)) };
}
