// `cognito-identity-model check`: checks an endpoint (the embedded fake by default) against the
// model, shows progress, prints the summary and every divergence, writes the report.
// Exit status: 0 no divergence, 1 divergences, 2 usage error or unusable endpoint, 130 interrupted.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CheckUsageError, checkSummary, checkUsage, parseCheckArgs, type CheckArgs } from "./cli-args.js";
import { caseJson, caseScript } from "./report/cases.js";
import { renderJson } from "./report/json.js";
import { renderJunit } from "./report/junit.js";
import { renderMarkdown } from "./report/markdown.js";
import { progressLine } from "./report/progress.js";
import { renderText } from "./report/text.js";
import { check, defaults, type Progress } from "./runner.js";
import { CheckAborted } from "./session.js";
import { TargetUnreachable, type Target } from "./target.js";
import { httpTarget } from "./targets/http.js";
import { rateLimited } from "./targets/rate-limit.js";

export { checkSummary, checkUsage };

export interface CheckIO {
  out(line: string): void;
  err(line: string): void;
}

const NAME = "cognito-identity-model check";

/** Runs against a real account are slow (request-rate quotas) and cost requests: smaller defaults. */
const AWS_DEFAULT_RUNS = 30;
const AWS_DEFAULT_MAX_COMMANDS = 25;

interface OpenedTarget {
  target: Target;
  /** The arguments that name this target again, for replay commands. */
  targetArgs: string[];
  close(): Promise<void>;
}

async function openTarget(args: CheckArgs): Promise<OpenedTarget> {
  if (args.endpoint === undefined) {
    const { startServer } = await import("../server/index.js");
    const server = await startServer({ port: 0, host: "127.0.0.1", region: args.region, account: args.account, log: () => {} });
    const target = await httpTarget({ endpoint: server.url, region: args.region, account: args.account, name: `embedded fake (${server.url})` });
    return {
      target,
      targetArgs: [],
      close: async () => {
        await target.close?.();
        await server.close();
      },
    };
  }
  const http = await httpTarget({ endpoint: args.endpoint, region: args.region, account: args.account });
  const target = args.aws ? rateLimited(http) : http;
  return {
    target,
    targetArgs: ["--endpoint", args.endpoint, "--region", args.region, "--account", args.account],
    close: async () => {
      await target.close?.();
    },
  };
}

function progressReporter(io: CheckIO) {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    progress(p: Progress) {
      const now = Date.now();
      if (now - last < (tty ? 100 : 5000) && p.runs < p.budget) return;
      last = now;
      if (tty) {
        process.stderr.write(`\r${progressLine(p)}\u001b[K`);
        shown = true;
      } else io.err(progressLine(p));
    },
    done() {
      if (shown) process.stderr.write("\r\u001b[K");
    },
  };
}

function usageText(): string {
  return [
    `usage: cognito-identity-model ${checkUsage}`,
    "",
    checkSummary,
    "Without --endpoint it starts the embedded fake on a free port and checks it.",
    "Against AWS (https://cognito-identity.<region>.amazonaws.com) it needs --account, paces its requests",
    "under the documented rates, and deletes every identity pool it created, also on failure or Ctrl-C.",
    `The seed is fixed (${defaults.seed}) so the same check gives the same report; --seed random explores anew.`,
    "--seed S --path P [--replay-path R] replays one sequence from a report and shows every difference in it.",
  ].join("\n");
}

export async function runCheckCommand(argv: string[], io: CheckIO = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  let args: CheckArgs;
  try {
    args = parseCheckArgs(argv);
  } catch (error) {
    if (!(error instanceof CheckUsageError)) throw error;
    io.err(`${NAME}: ${error.message} (see --help)`);
    return 2;
  }
  if (args.help) {
    io.out(usageText());
    return 0;
  }

  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts === 1) {
      io.err(`\n${NAME}: interrupted, deleting what the check created (Ctrl-C again to quit at once)`);
      controller.abort();
    } else process.exit(130);
  };
  process.on("SIGINT", onInterrupt);

  const reporter = progressReporter(io);
  let opened: OpenedTarget | undefined;
  try {
    opened = await openTarget(args);
    const result = await check({
      target: opened.target,
      runs: args.runs ?? (args.aws ? AWS_DEFAULT_RUNS : undefined),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.operations ? { operations: args.operations } : {}),
      ...(args.maxCommands !== undefined ? { maxCommands: args.maxCommands } : args.aws ? { maxCommands: AWS_DEFAULT_MAX_COMMANDS } : {}),
      ...(args.replay && args.seed !== undefined ? { replay: { seed: args.seed, ...args.replay } } : {}),
      signal: controller.signal,
      observer: { progress: reporter.progress, note: (text) => io.err(`note: ${text}`) },
    });
    reporter.done();
    io.out(renderText(result, opened.targetArgs));
    if (args.report) {
      const content =
        args.report.format === "json"
          ? renderJson(result, opened.targetArgs)
          : args.report.format === "xml"
            ? renderJunit(result, opened.targetArgs)
            : renderMarkdown(result, opened.targetArgs, { date: new Date() });
      await writeFile(args.report.file, content);
      io.err(`report written to ${args.report.file}`);
    }
    if (args.cases) {
      await mkdir(args.cases, { recursive: true });
      for (const [i, d] of result.divergences.entries()) {
        const name = join(args.cases, `${String(i + 1).padStart(2, "0")}-${d.operation}`);
        await writeFile(`${name}.json`, caseJson(d));
        await writeFile(`${name}.py`, caseScript(d, i));
      }
      io.err(`${result.divergences.length} case(s) written to ${args.cases} (NN-Operation.json, and NN-Operation.py for boto3)`);
    }
    if (result.interrupted) {
      io.err(`${NAME}: interrupted; the identity pools it created were deleted`);
      return 130;
    }
    return result.divergences.length > 0 ? 1 : 0;
  } catch (error) {
    reporter.done();
    if (error instanceof TargetUnreachable) {
      io.err(`${NAME}: ${error.message}`);
      return 2;
    }
    if (error instanceof CheckAborted) {
      io.err(`${NAME}: interrupted; the identity pools it created were deleted`);
      return 130;
    }
    throw error;
  } finally {
    process.off("SIGINT", onInterrupt);
    await opened?.close();
  }
}
