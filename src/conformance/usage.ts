// The `check` command's usage lines, kept free of imports so the CLI can list them without loading the checker.
export const checkUsage =
  "check [--endpoint URL] [--region R] [--account A] [--runs N] [--seed S|random] [--ops A,B] [--report FILE.json|FILE.md|FILE.xml] [--cases DIR] [--max-commands N] [--path P [--replay-path R]]";

export const checkSummary = "check an endpoint (by default the embedded fake) against the model; report every divergence";
