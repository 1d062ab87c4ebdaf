import { describe, expect, it } from "vitest";
import type { Divergence } from "../../src/conformance/divergence.js";
import { toJsonReport } from "../../src/conformance/report/json.js";
import { checkedOperations } from "../../src/conformance/ops/index.js";
import { renderJunit } from "../../src/conformance/report/junit.js";
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
  evidence: { rules: [{ id: "POOL-9", page: "operations/UpdateIdentityPool.md", grade: "observed" }], grade: "observed" },
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
    expect(progressLine({ elapsedMs: 30_000, runs: 25, budget: 100, commands: 10, divergences: 0, shrinking: false }, 4)).toBe(
      "[█░░░] 25/100 runs · 10 commands · 0 divergences · about 1 min 30 s left",
    );
  });

  it("every report says what the expected answer rests on, counts by grade, and explains its table", () => {
    const text = renderText(result, targetArgs);
    expect(text).toContain("   rests on: POOL-9 (observed, spec/operations/UpdateIdentityPool.md)");
    expect(text).toContain("by the evidence of the expected answer: documented 0 · observed 1 · our choice 0 · no rule found 0");
    expect(text).toContain("Ids in commands and answers are the model's: the check maps the target's ids to them.");
    const md = renderMarkdown(result, targetArgs);
    expect(md).toContain("- rests on: POOL-9 (observed, spec/operations/UpdateIdentityPool.md)");
    expect(md).toContain("By the evidence of the expected answer (documented first): documented 0 · observed 1");
    expect(toJsonReport(result, targetArgs).divergences[0]).toMatchObject({ evidence: divergence.evidence });
  });

  it("the target's own ids and times print as placeholders, so the same check gives the same report; the JSON keeps them", () => {
    const theirs = "us-east-1:11111111-2222-4333-8444-555555555555";
    const d: Divergence = {
      ...divergence,
      diff: [`IdentityPoolId: expected "${pool}", got "${theirs}"`, "CreationDate: expected 2024-01-01T00:00:00Z, got 2026-12-02T01:47:37.085Z"],
      actual: { ok: true, output: { IdentityPoolId: theirs, Kept: pool, Created: new Date(0), Expiration: "2026-12-02T01:47:37.085Z" }, status: 200 },
    };
    const md = renderMarkdown({ ...result, divergences: [d] }, targetArgs);
    expect(md).toContain(`{"IdentityPoolId":"<an id of the target's>","Kept":"${pool}","Created":"<a time>","Expiration":"<a time>"}`);
    expect(md).toContain(`IdentityPoolId: expected "${pool}", got "<an id of the target's>"`);
    expect(md).toContain("CreationDate: expected <a time>, got <a time>");
    expect(toJsonReport({ ...result, divergences: [d] }, targetArgs).divergences[0]!.actual).toMatchObject({ output: { IdentityPoolId: theirs } });
  });

  it("times in messages (an expired token's) print as placeholders on both sides; the JSON keeps them", () => {
    const expired = "Invalid login token. Token expired: 1796182850287 >= 1600000000000";
    const d: Divergence = {
      ...divergence,
      kind: "wrong message",
      expected: { ok: false, error: { type: "NotAuthorizedException", message: expired } },
      actual: { ok: false, error: { type: "ExpiredTokenException", message: "Token expired: current date/time 1796182850 must be before the expiration date/time 1796179250" }, status: 400 },
    };
    const md = renderMarkdown({ ...result, divergences: [d] }, targetArgs);
    expect(md).toContain("- expected: `NotAuthorizedException: Invalid login token. Token expired: <a time> >= <a time>`");
    expect(md).toContain("- actual: `ExpiredTokenException (HTTP 400): Token expired: current date/time <a time> must be before the expiration date/time <a time>`");
    expect(renderText({ ...result, divergences: [d] }, targetArgs)).not.toMatch(/1796182850/);
    expect(toJsonReport({ ...result, divergences: [d] }, targetArgs).divergences[0]!.expected).toMatchObject({ error: { message: expired } });
  });

  it("a replay of a check of every operation names none of them (--ops only for a subset)", () => {
    const everything = { ...divergence, replay: { ...divergence.replay!, operations: [...checkedOperations] } };
    expect(renderText({ ...result, divergences: [everything] }, targetArgs)).toContain(
      "replay:   npx cognito-identity-model check --endpoint http://127.0.0.1:5000 --seed -12 --path 3:1:0 --replay-path AB:C\n",
    );
  });

  it("the table leaves out operations the check sent nothing to (a replay's rows of zeros)", () => {
    const idle = { ...result, operations: [...result.operations, { operation: "GetId", commands: 0, repeats: 0, cascades: 0, answered: 0, divergences: {} }] };
    expect(renderText(idle, targetArgs)).not.toMatch(/^GetId /m);
    expect(renderText(idle, targetArgs)).toMatch(/^UpdateIdentityPool /m);
  });

  it("JUnit XML: one test case per operation, failed where it diverges, and one failed case per divergence", () => {
    const xml = renderJunit(result, targetArgs);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<testsuites name="cognito-identity-model check" tests="3" failures="2">');
    expect(xml).toMatch(/<testcase classname="operations" name="CreateIdentityPool"><\/testcase>|<testcase classname="operations" name="CreateIdentityPool"\/>/);
    expect(xml).toContain('<failure message="1 divergence" type="divergence"');
    expect(xml).toContain('name="UpdateIdentityPool: wrong output (IdentityPoolName: changed)"');
    expect(xml).toContain("<![CDATA[1. CreateIdentityPool");
    expect(xml).toContain("rests on: POOL-9 (observed, spec/operations/UpdateIdentityPool.md)");
    expect(xml).toContain('<property name="seed" value="7"');
  });
});
