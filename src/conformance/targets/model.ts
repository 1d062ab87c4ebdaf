// The pure model as a target: the reference checked against itself (the harness must find
// nothing), and the base of the mutants.
import { initialState, step, type ModelConfigInput, type RawCommand, type Result, type State } from "../../model/index.js";
import { conformanceIam } from "../arbitraries/roles.js";
import type { Target } from "../target.js";

export type StepFunction = (state: State, command: RawCommand) => [State, Result];

export interface ModelTargetOptions {
  name?: string;
  account?: string;
  region?: string;
  /** The seed differs from the harness's own model by default, so ids go through the mapping. */
  config?: ModelConfigInput;
  step?: StepFunction;
  clock?: () => number;
}

export const defaultAccount = "123456789012";
export const defaultRegion = "us-east-1";

export function modelTarget(options: ModelTargetOptions = {}): Target {
  const config: ModelConfigInput = { seed: 0x7a6e7, iam: conformanceIam, ...options.config };
  const run: StepFunction = options.step ?? ((s, c) => step(s, c));
  const clock = options.clock ?? Date.now;
  const account = options.account ?? defaultAccount;
  const region = options.region ?? defaultRegion;
  let state = initialState(config);
  return {
    name: options.name ?? "pure model",
    account,
    region,
    revealsRegion: true,
    sharesSigningKey: config.tokens?.signingKey === undefined,
    ours: true,
    async send(op, input, sendOptions) {
      const accessKeyId = sendOptions?.credentials?.accessKeyId;
      const context = { account, region: sendOptions?.region ?? region, now: clock(), ...(accessKeyId === undefined ? {} : { accessKeyId }) };
      const [next, result] = run(state, { ...(sendOptions?.service ? { service: sendOptions.service } : {}), op, input, context });
      state = next;
      return result.ok ? { ok: true, output: result.output } : { ok: false, error: { ...result.error } };
    },
    async reset() {
      state = initialState(config);
    },
  };
}
