// The arguments of `check`, parsed and validated; every mistake is one line of text.
import { parseArgs } from "node:util";
import { isRegionName } from "../model/regions.js";
import { checkableOperationNames, type CheckedOperationName } from "./operation.js";
import { checkedOperations } from "./ops/index.js";
import { isAwsEndpoint } from "./targets/http.js";

export { checkSummary, checkUsage } from "./usage.js";

export class CheckUsageError extends Error {}

export interface CheckArgs {
  endpoint?: string;
  region: string;
  account: string;
  aws: boolean;
  runs?: number;
  seed?: number;
  operations?: CheckedOperationName[];
  report?: { file: string; format: "json" | "md" | "xml" };
  /** A directory for each divergence as NN-Operation.json and a boto3 script NN-Operation.py. */
  cases?: string;
  maxCommands?: number;
  replay?: { path: string; replayPath?: string };
  help: boolean;
}

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CheckUsageError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
  }
  return Number(value);
}

function operations(value: string | undefined): CheckedOperationName[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new CheckUsageError("--ops needs at least one operation name");
  for (const name of names) {
    if (!(checkableOperationNames as readonly string[]).includes(name)) {
      throw new CheckUsageError(`--ops: unknown operation '${name}'; checked operations: ${checkedOperations.join(", ")}`);
    }
    if (!(checkedOperations as readonly string[]).includes(name)) {
      throw new CheckUsageError(`--ops: ${name} is modelled but not checked yet; checked operations: ${checkedOperations.join(", ")}`);
    }
  }
  return names as CheckedOperationName[];
}

function endpoint(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CheckUsageError(`--endpoint must be a URL such as http://127.0.0.1:5000, got '${value}'`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CheckUsageError(`--endpoint must be http or https, got '${value}'`);
  return value;
}

const VALUE_OPTIONS = new Set(["--endpoint", "--region", "--account", "--runs", "--seed", "--ops", "--report", "--cases", "--max-commands", "--path", "--replay-path"]);

/** `--seed -7` as `--seed=-7`: node's parser takes a leading dash for an option (seeds are often negative). */
const joinNegativeValues = (argv: readonly string[]) =>
  argv.flatMap((arg, i) => (VALUE_OPTIONS.has(arg) && /^-\d/.test(argv[i + 1] ?? "") ? [] : VALUE_OPTIONS.has(argv[i - 1] ?? "") && /^-\d/.test(arg) ? [`${argv[i - 1]}=${arg}`] : [arg]));

export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(argv),
      strict: true,
      allowPositionals: false,
      options: {
        endpoint: { type: "string" },
        region: { type: "string" },
        account: { type: "string" },
        runs: { type: "string" },
        seed: { type: "string" },
        ops: { type: "string" },
        report: { type: "string" },
        cases: { type: "string" },
        "max-commands": { type: "string" },
        path: { type: "string" },
        "replay-path": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new CheckUsageError((error instanceof Error ? error.message : String(error)).split("\n")[0]!);
  }
  const str = (name: string) => values[name] as string | undefined;
  const url = endpoint(str("endpoint"));
  const aws = url !== undefined && isAwsEndpoint(url);
  const region = str("region") ?? (aws ? /cognito-identity\.([a-z0-9-]+)\.amazonaws/.exec(url)?.[1] : undefined) ?? "us-east-1";
  // The Regions botocore's partitions know, as `serve --region` (the check's own pattern refused eusc-de-east-1).
  if (!isRegionName(region)) throw new CheckUsageError(`--region must be a Region name of an AWS partition (us-east-1, eusc-de-east-1, cn-north-1, ...), got '${region}'`);
  const account = str("account");
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new CheckUsageError(`--account must be 12 digits, got '${account}'`);
  if (aws && account === undefined) {
    throw new CheckUsageError("--account is required against AWS: the 12-digit account the credentials belong to (ARNs name it)");
  }
  const report = str("report");
  const format = report?.endsWith(".json") ? "json" : report?.endsWith(".md") ? "md" : report?.endsWith(".xml") ? "xml" : undefined;
  if (report !== undefined && format === undefined) throw new CheckUsageError(`--report must name a .json, .md or .xml (JUnit) file, got '${report}'`);
  const path = str("path");
  if (path !== undefined && !/^\d+(:\d+)*$/.test(path)) throw new CheckUsageError(`--path must look like 12:0:3 (from a report's replay), got '${path}'`);
  if (path !== undefined && (str("seed") === undefined || str("seed") === "random")) throw new CheckUsageError("--path replays one sequence and needs the --seed it was found with");
  if (str("replay-path") !== undefined && path === undefined) throw new CheckUsageError("--replay-path goes with --path");
  const args: CheckArgs = {
    region,
    account: account ?? "123456789012",
    aws,
    help: values.help === true,
  };
  if (url !== undefined) args.endpoint = url;
  const runs = integer("runs", str("runs"), 1, 1_000_000);
  if (runs !== undefined) args.runs = runs;
  // A fixed seed by default (the runner's), `random` for a new one each time.
  const seed = str("seed") === "random" ? (Math.random() * 2 ** 32) | 0 : integer("seed", str("seed"), -(2 ** 31), 2 ** 31 - 1);
  if (seed !== undefined) args.seed = seed;
  const ops = operations(str("ops"));
  if (ops !== undefined) args.operations = ops;
  if (report !== undefined) args.report = { file: report, format: format! };
  if (str("cases") !== undefined) args.cases = str("cases")!;
  const maxCommands = integer("max-commands", str("max-commands"), 1, 1000);
  if (maxCommands !== undefined) args.maxCommands = maxCommands;
  if (path !== undefined) args.replay = { path, ...(str("replay-path") !== undefined ? { replayPath: str("replay-path")! } : {}) };
  return args;
}
