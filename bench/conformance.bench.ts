// The conformance harness: commands per second it sustains against the pure model, the
// in-process fake and the HTTP server, against a baseline of the same commands stepped
// through the model alone; and how many runs it needs to find each mutant. Never asserted.
import { mutants } from "../src/conformance/mutants.js";
import { check } from "../src/conformance/runner.js";
import type { Target } from "../src/conformance/target.js";
import { fakeTarget } from "../src/conformance/targets/fake.js";
import { httpTarget } from "../src/conformance/targets/http.js";
import { modelTarget } from "../src/conformance/targets/model.js";
import { initialState, step } from "../src/model/index.js";
import { startServer } from "../src/server/index.js";
import { fmt, table } from "./measure.js";

const SEED = 7;
const MUTANT_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** A model target that records every command it answers, run by run. */
function recording(): { target: Target; runs: { op: string; input: unknown }[][] } {
  const inner = modelTarget();
  const runs: { op: string; input: unknown }[][] = [[]];
  return {
    runs,
    target: {
      ...inner,
      send: (op, input) => {
        runs.at(-1)!.push({ op, input });
        return inner.send(op, input);
      },
      reset: async () => {
        if (runs.at(-1)!.length > 0) runs.push([]);
        await inner.reset!();
      },
    },
  };
}

async function throughput(target: Target, runs: number) {
  const started = performance.now();
  const result = await check({ target, runs, seed: SEED });
  const seconds = (performance.now() - started) / 1000;
  return { commands: result.commands, seconds, perSecond: result.commands / seconds, divergences: result.divergences.length };
}

// Baseline: the very commands of a check against the model, stepped through `step` alone.
const recorded = recording();
const modelRun = await throughput(recorded.target, 1000);
const context = { account: "123456789012", region: "us-east-1", now: 1_700_000_000_000 };
const baselineStart = performance.now();
let stepped = 0;
for (let repeat = 0; repeat < 5; repeat++) {
  for (const run of recorded.runs) {
    let state = initialState({ seed: 1 });
    for (const command of run) {
      [state] = step(state, { ...command, context });
      stepped++;
    }
  }
}
const baselinePerSecond = stepped / ((performance.now() - baselineStart) / 1000);

const fakeRun = await throughput(fakeTarget(), 300);
const server = await startServer({ port: 0, account: "123456789012", log: () => {} });
const httpRun = await throughput(await httpTarget({ endpoint: server.url, region: "us-east-1", account: "123456789012" }), 300);
await server.close();

console.log("Commands per second the check sustains (each command: one model step, one target call, mapping, comparison).\n");
console.log(
  table([
    ["target", "commands", "seconds", "commands/s", "vs model.step alone"],
    ["baseline: model.step alone, same commands", fmt(stepped), "", fmt(baselinePerSecond, 0), "1"],
    ["pure model", fmt(modelRun.commands), fmt(modelRun.seconds), fmt(modelRun.perSecond, 0), fmt(modelRun.perSecond / baselinePerSecond, 3)],
    ["in-process fake (SDK)", fmt(fakeRun.commands), fmt(fakeRun.seconds), fmt(fakeRun.perSecond, 0), fmt(fakeRun.perSecond / baselinePerSecond, 3)],
    ["HTTP server (SDK, loopback)", fmt(httpRun.commands), fmt(httpRun.seconds), fmt(httpRun.perSecond, 0), fmt(httpRun.perSecond / baselinePerSecond, 3)],
  ]),
);

console.log(`\nRuns needed to find each mutant (default budget, seeds ${MUTANT_SEEDS[0]}..${MUTANT_SEEDS.at(-1)}), and the shrunk sequence length.\n`);
const rows: (string | number)[][] = [["mutant", "found", "runs: min", "median", "max", "shrunk length: max", "seconds per check"]];
for (const mutant of mutants) {
  const found: number[] = [];
  const lengths: number[] = [];
  const started = performance.now();
  for (const seed of MUTANT_SEEDS) {
    const result = await check({ target: mutant.target(), seed });
    const hits = result.divergences.filter((d) => d.operation === mutant.operation);
    if (hits.length === 0) continue;
    found.push(Math.min(...hits.map((d) => d.foundAfterRuns ?? Infinity)));
    lengths.push(Math.min(...hits.map((d) => d.commands.length)));
  }
  const sorted = [...found].sort((a, b) => a - b);
  rows.push([
    mutant.name,
    `${found.length}/${MUTANT_SEEDS.length}`,
    sorted[0] ?? "-",
    sorted[Math.floor(sorted.length / 2)] ?? "-",
    sorted.at(-1) ?? "-",
    lengths.length ? Math.max(...lengths) : "-",
    fmt((performance.now() - started) / 1000 / MUTANT_SEEDS.length),
  ]);
}
console.log(table(rows));
