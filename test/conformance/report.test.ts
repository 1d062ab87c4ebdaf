import { describe, expect, it } from "vitest";
import type { Divergence } from "../../src/conformance/divergence.js";
import { toJsonReport } from "../../src/conformance/report/json.js";
import { renderMarkdown } from "../../src/conformance/report/markdown.js";
import { progressLine } from "../../src/conformance/report/progress.js";
import { renderText } from "../../src/conformance/report/text.js";
import type { CheckResult } from "../../src/conformance/runner.js";

const pool = "us-east-1:60bf1154-bb88-4c38-8f40-82b12830bdc3";
const divergence: Divergence = {
  operation: "UpdateIdentityPool",
  kind: "wrong output",
  facets: ["IdentityPoolName: changed"],
  diff: ['IdentityPoolName: expected "b", got "a"'],
  expected: { ok: true, output: { IdentityPoolId: pool, IdentityPoolName: "b" } },
  actual: { ok: true, output: { IdentityPoolId: pool, IdentityPoolName: "a" }, status: 200 },
  commands: [
    { op: "CreateIdentityPool", input: { IdentityPoolName: "a", AllowUnauthenticatedIdentities: false, IdentityPoolTags: { long: "x".repeat(300) } } },
    { op: "UpdateIdentityPool", input: { IdentityPoolId: pool, IdentityPoolName: "b", AllowUnauthenticatedIdentities: false } },
  ],
  replay: { seed: -12, path: "3:1:0", replayPath: "AB:C", operations: ["CreateIdentityPool", "UpdateIdentityPool"] },
  foundAfterRuns: 4,
};
const result: CheckResult = {
  target: "http://127.0.0.1:5000",
  seed: 7,
  runs: 100,
  commands: 1234,
  operations: [
    { operation: "CreateIdentityPool", commands: 700, repeats: 0, cascades: 0, answered: 700, divergences: {} },
    { operation: "UpdateIdentityPool", commands: 534, repeats: 3, cascades: 1, answered: 534, divergences: { "wrong output": 1 } },
  ],
  divergences: [divergence],
  notes: [],
};
const targetArgs = ["--endpoint", "http://127.0.0.1:5000"];

describe("reports", () => {
  it("text: the table per operation, then each divergence with its sequence, expected, actual and replay", () => {
    const text = renderText(result, targetArgs);
    expect(text.split("\n").slice(0, 6)).toEqual([
      "http://127.0.0.1:5000 · seed 7 · 100 runs · 1234 commands · 1 divergence",
      "",
      "operation           commands  missing  crash  status  error type  message  output",
      "CreateIdentityPool       700        ·      ·       ·           ·        ·       ·",
      "UpdateIdentityPool       534        ·      ·       ·           ·        ·       1",
      "total                   1234        ·      ·       ·           ·        ·       1",
    ]);
    expect(text).toContain("1. UpdateIdentityPool: wrong output (IdentityPoolName: changed)");
    expect(text).toContain('"IdentityPoolTags":{"long":"x×300"}');
    expect(text).toContain('IdentityPoolName: expected "b", got "a"');
    expect(text).toContain(
      "replay:   npx cognito-identity-model check --endpoint http://127.0.0.1:5000 --seed -12 --path 3:1:0 --replay-path AB:C --ops CreateIdentityPool,UpdateIdentityPool",
    );
  });

  it("JSON: target, seed, runs and each divergence with operation, kind, expected, actual, the whole commands and replay", () => {
    const json = toJsonReport(result, targetArgs, new Date("2026-01-01T00:00:00Z"));
    expect(json).toMatchObject({ target: result.target, seed: 7, runs: 100, date: "2026-01-01T00:00:00.000Z" });
    expect(json.divergences[0]).toMatchObject({
      operation: "UpdateIdentityPool",
      kind: "wrong output",
      expected: divergence.expected,
      actual: divergence.actual,
      commands: divergence.commands,
      replay: { seed: -12, path: "3:1:0", command: expect.stringContaining("--path 3:1:0") },
    });
    expect(JSON.parse(JSON.stringify(json)).divergences[0].commands[0].input.IdentityPoolTags.long).toHaveLength(300);
  });

  it("Markdown: the same content, for people", () => {
    const md = renderMarkdown(result, targetArgs, { title: "moto", preamble: ["made by a test"], date: new Date("2026-01-01T00:00:00Z") });
    expect(md).toMatch(/^# moto\n\nmade by a test\n\nTarget `http:\/\/127\.0\.0\.1:5000`, seed `7`, 100 runs, 1234 commands, 2026-01-01: \*\*1 divergence\*\*\./);
    expect(md).toContain("| UpdateIdentityPool | 534 | · | · | · | · | · | 1 |");
    expect(md).toContain("### 1. UpdateIdentityPool: wrong output (IdentityPoolName: changed)");
    expect(md).toContain("2. UpdateIdentityPool {");
  });

  it("the progress line shows runs, commands and divergences", () => {
    expect(progressLine({ runs: 50, budget: 100, commands: 12345, divergences: 2, shrinking: true }, 10)).toBe(
      "[█████░░░░░] 50/100 runs · 12,345 commands · 2 divergences · shrinking",
    );
  });
});
