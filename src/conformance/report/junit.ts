// JUnit XML, for CI: one test case per operation (failed when it diverges) and one per divergence,
// whose failure carries the sequence, expected, actual and the evidence of the expected answer.
import { XMLBuilder } from "fast-xml-parser";
import type { CheckResult } from "../runner.js";
import { describeCommand, describeEvidence, describeOutcome, stableActual, stableDiff, stableExpected, headline, replayCommand } from "./describe.js";

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: true, cdataPropName: "#cdata" });

export function renderJunit(result: CheckResult, targetArgs: readonly string[]): string {
  const perOperation = result.operations.map((o) => {
    const count = Object.values(o.divergences).reduce((a, b) => a + (b ?? 0), 0);
    return {
      "@_classname": "operations",
      "@_name": o.operation,
      ...(count > 0 ? { failure: { "@_message": `${count} divergence${count === 1 ? "" : "s"}`, "@_type": "divergence" } } : {}),
    };
  });
  const perDivergence = result.divergences.map((d) => ({
    "@_classname": `divergences.${d.operation}`,
    "@_name": headline(d),
    failure: {
      "@_message": `${d.kind}; expected rests on ${d.evidence.grade}`,
      "@_type": d.kind,
      "#cdata": [
        ...d.commands.map((c, i) => `${i + 1}. ${describeCommand(c)}`),
        `expected: ${describeOutcome(stableExpected(d))}`,
        `actual:   ${describeOutcome(stableActual(d))}`,
        `rests on: ${describeEvidence(d)}`,
        ...(d.kind === "wrong output" ? stableDiff(d) : []),
        ...(d.replay ? [`replay: ${replayCommand(d.replay, targetArgs)}`] : []),
      ]
        .join("\n")
        .replace(/]]>/g, "]]]]><![CDATA[>"),
    },
  }));
  const cases = [...perOperation, ...perDivergence];
  const failures = cases.filter((c) => "failure" in c).length;
  const document = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    testsuites: {
      "@_name": "cognito-identity-model check",
      "@_tests": cases.length,
      "@_failures": failures,
      testsuite: {
        "@_name": `conformance of ${result.target}`,
        "@_tests": cases.length,
        "@_failures": failures,
        properties: { property: [{ "@_name": "seed", "@_value": result.seed }, { "@_name": "runs", "@_value": result.runs }, { "@_name": "commands", "@_value": result.commands }] },
        testcase: cases,
        ...(result.notes.length > 0 ? { "system-out": { "#cdata": result.notes.join("\n") } } : {}),
      },
    },
  };
  return builder.build(document) as string;
}
