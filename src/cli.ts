#!/usr/bin/env node
// cognito-identity-model <command> [options]. Each command is one entry of `commands`; a new one
// (e.g. `check`, from src/conformance/cli.ts) is one more entry that imports its module lazily.
import { readFileSync, realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { checkSummary, checkUsage } from "./conformance/usage.js";
import { isRegionName } from "./model/regions.js";
import type { InitFile } from "./model/init.js";

const NAME = "cognito-identity-model";

/** A usage error: printed as one line, then the usage, exit status 2. */
export class UsageError extends Error {}

export interface Command {
  /** One line: `serve [--port N] ...` */
  usage: string;
  summary: string;
  /** What `<command> --help` prints after the usage line. */
  help?: string;
  /** Resolves to the exit status once the command is done (a server: once it is stopped). */
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
  }
  return Number(value);
}

/** `--user-pool cognito-idp.<region>.amazonaws.com/<id>=<JWKS URL>[,<issuer>]` (LOGIN-16). */
function userPoolArgument(value: string): { providerName: string; jwksUrl: string; issuer?: string } {
  const eq = value.indexOf("=");
  const [jwksUrl, issuer] = value.slice(eq + 1).split(",", 2) as [string, string | undefined];
  if (eq <= 0 || !/^https?:\/\//.test(jwksUrl)) throw new UsageError(`--user-pool must be PROVIDER=JWKS_URL[,ISSUER], got '${value}'`);
  return { providerName: value.slice(0, eq), jwksUrl, ...(issuer ? { issuer } : {}) };
}

const OFFSET_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * WIRE-35: `--now 2024-01-01T00:00:00Z` pins the clock at that instant; `--now +90m` (or `-2h`,
 * `+1d`, `+30s`, `+0`; seconds without a unit) runs it that far from the wall clock.
 */
export function clockArgument(value: string): () => number {
  const offset = /^([+-])(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value);
  if (offset) {
    const ms = Math.round((offset[1] === "-" ? -1 : 1) * Number(offset[2]) * OFFSET_UNITS[offset[3] ?? "s"]!);
    return () => Date.now() + ms;
  }
  const instant = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(instant)) {
    throw new UsageError(`--now must be an instant such as 2024-01-01T00:00:00Z or an offset from the wall clock such as +0, -90m, +2h, +1d; got '${value}'`);
  }
  return () => instant;
}

/** WIRE-34: `{ "<AccessKeyId>": "<SecretAccessKey>" }`, as a --secret-keys file or CIM_SECRET_KEYS holds it. */
function secretKeysIn(text: string): Record<string, string> {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object { "<AccessKeyId>": "<SecretAccessKey>" }');
  for (const [key, secret] of Object.entries(parsed)) {
    if (key === "") throw new Error("an access key id is empty");
    if (typeof secret !== "string" || secret === "") throw new Error(`the secret of ${key} is not a non-empty string`);
  }
  return parsed as Record<string, string>;
}

/** `serve`'s options; `serve --help` explains each. */
export const serveOptions = {
  port: { type: "string" },
  host: { type: "string" },
  seed: { type: "string" },
  region: { type: "string" },
  account: { type: "string" },
  "user-pool": { type: "string", multiple: true },
  "admin-token": { type: "string" },
  "allow-host": { type: "string", multiple: true },
  "iam-roles": { type: "string" },
  init: { type: "string" },
  "strict-roles": { type: "boolean" },
  now: { type: "string" },
  "verify-signatures": { type: "boolean" },
  "secret-keys": { type: "string" },
  "data-dir": { type: "string" },
  durability: { type: "string" },
  "fsync-interval": { type: "string" },
  log: { type: "boolean" },
} as const;

const serveHelp = `
Runs the fake as an HTTP server until SIGINT (Ctrl-C) or SIGTERM. Once it
listens it prints its URL, one line, on standard output; everything else goes
to standard error. The rules: spec/protocol.md, WIRE-21.

options:
  --port N              port to listen on (default 4568; 0 picks a free one)
  --host ADDRESS        address to listen on (default 127.0.0.1; beyond the
                        loopback, set an admin token)
  --seed N              seed of ids and request ids (default 0): the same seed
                        and requests, the same answers
  --region R            Region of unsigned requests whose Host names none
                        (default us-east-1); any Region of an AWS partition:
                        us-east-1, us-gov-west-1, cn-north-1, ...
  --account A           12-digit account of unsigned requests and of access
                        keys not 12 digits themselves (default 000000000000)
  --now INSTANT|+OFFSET|-OFFSET
                        pin the clock (2024-01-01T00:00:00Z), or run it that
                        far from the wall clock (+90m, -2h, +1d; ms s m h d)
  --user-pool PROVIDER=JWKS_URL[,ISSUER]
                        check the tokens of login PROVIDER against the keys at
                        JWKS_URL, fetched at start, and against ISSUER for an
                        emulator that names itself (repeatable)
  --iam-roles FILE      register the roles of \`aws iam list-roles\` output:
                        their trust policies apply
  --strict-roles        refuse roles not registered (needs --iam-roles, or
                        --init with iamRoles)
  --init FILE           start with the pools, roles, identities and IAM roles
                        of an init file (docs/init.md; GET /_model/export
                        writes one); a bad file: one line, status 1
  --verify-signatures   check SigV4 signatures against secret keys (from
                        --secret-keys, CIM_SECRET_KEYS); admin routes then
                        need an admin token
  --secret-keys FILE    JSON {"<AccessKeyId>": "<SecretAccessKey>"}
  --admin-token TOKEN   admin routes need "Authorization: Bearer TOKEN"
                        (at least 8 characters)
  --allow-host NAME     a host name admin requests may be addressed to, beyond
                        IP addresses and localhost (repeatable)
  --data-dir DIR        keep the state in DIR: every change is journaled before
                        it is answered, and a restart (or a crash) resumes
                        from it; one server per directory (docs/persistence.md)
  --durability fsync|write
                        fsync (default): an answered change is on the disk;
                        write: the operating system has it (survives a killed
                        server; a power loss can lose the last --fsync-interval)
  --fsync-interval MS   with --durability write, the longest time between
                        fsyncs (default 1000)
  --log                 one line per request on standard error
  -h, --help            this help

environment:
  CIM_ADMIN_TOKEN       the admin token, when --admin-token is not given
  CIM_SECRET_KEYS       secret keys, as --secret-keys FILE holds them (the
                        file's secrets win)

routes:
  POST /                the Cognito Identity operations (AWS JSON 1.1) and
                        STS's, on any path outside /_model/ and /.well-known/
  OPTIONS <path>        CORS preflights, for browser apps (not on /_model/)
  GET  /_model/health   the operations the model implements
  POST /_model/reset    back to the seed's initial state
  GET  /_model/state    the state, a snapshot (?privateKeys=true needs a token)
  PUT  /_model/state    restore a snapshot
  GET  /_model/export   the state as an init file, for --init
  GET  /_model/credentials/<AccessKeyId>
                        what credentials the server issued stand for
  GET  /_model/iam/roles
                        the registered roles
  PUT  /_model/iam/roles
                        register roles, as --iam-roles does
  GET  /_model/faults   the injected faults still to answer (spec/testing.md)
  POST /_model/faults   inject a fault: {"operation":"GetId","error":
                        "TooManyRequestsException","times":2} (or a list)
  DELETE /_model/faults
                        remove every fault
  GET  /_model/calls    the calls answered since the last reset
                        (?operation=GetId,GetOpenIdToken&service=&ok=)
  DELETE /_model/calls  empty the history
  GET  /.well-known/jwks.json
                        the keys that verify the OpenID tokens it issues
  GET  /.well-known/jwks_uri
                        the same, at AWS's path
  GET  /.well-known/openid-configuration
                        the OpenID discovery document
  Admin routes (/_model/) answer requests addressed to an IP address, localhost
  or an --allow-host name, and from no other web page.

exit status: 0 once stopped by a signal, 1 when it cannot start, 2 for a bad
argument.`.slice(1);

const serve: Command = {
  help: serveHelp,
  usage:
    "serve [--port 4568] [--host 127.0.0.1] [--seed N] [--region R] [--account A] [--now INSTANT|+OFFSET|-OFFSET] [--user-pool PROVIDER=JWKS_URL[,ISSUER]]... [--iam-roles FILE] [--init FILE] [--strict-roles] [--verify-signatures] [--secret-keys FILE] [--admin-token TOKEN] [--allow-host NAME]... [--data-dir DIR] [--durability fsync|write] [--fsync-interval MS] [--log]",
  summary: "run the fake as an HTTP server (AWS JSON 1.1), until SIGINT or SIGTERM",
  async run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: serveOptions,
    });
    const emulators = (values["user-pool"] ?? []).map(userPoolArgument);
    // WIRE-26: the token from the flag, else from the environment.
    const adminToken = values["admin-token"] ?? (process.env.CIM_ADMIN_TOKEN || undefined);
    if (adminToken !== undefined && adminToken.length < 8) throw new UsageError("--admin-token must be at least 8 characters");
    const host = values.host ?? "127.0.0.1";
    const port = integer("port", values.port, 0, 65535) ?? 4568;
    const seed = integer("seed", values.seed, -(2 ** 31), 2 ** 32 - 1);
    if (values.region !== undefined && !isRegionName(values.region)) {
      throw new UsageError(`--region must be a Region name of an AWS partition (us-east-1, eu-south-2, us-gov-west-1, cn-north-1, ...), got '${values.region}'`);
    }
    if (values.account !== undefined && !/^\d{12}$/.test(values.account)) {
      throw new UsageError(`--account must be 12 digits, got '${values.account}'`);
    }
    const now = values.now === undefined ? undefined : clockArgument(values.now);
    const verifySignatures = values["verify-signatures"] ?? false;
    const durability = values.durability;
    if (durability !== undefined && durability !== "fsync" && durability !== "write") throw new UsageError(`--durability must be fsync or write, got '${durability}'`);
    if (values["data-dir"] === undefined && (durability !== undefined || values["fsync-interval"] !== undefined)) throw new UsageError("--durability and --fsync-interval need --data-dir");
    const fsyncInterval = integer("fsync-interval", values["fsync-interval"], 1, 3_600_000);
    if (fsyncInterval !== undefined && durability !== "write") throw new UsageError("--fsync-interval needs --durability write: with fsync every answer waits for its own");
    if (values["secret-keys"] !== undefined && !verifySignatures) throw new UsageError("--secret-keys needs --verify-signatures: without it no signature is checked");
    const { startServer } = await import("./server/index.js");
    const { userPoolConfig } = await import("./fake/user-pools.js");
    const { exposedAdminWarning } = await import("./server/admin-guard.js");
    let config;
    try {
      config = await userPoolConfig(emulators);
    } catch (error) {
      io.err(`${NAME} serve: --user-pool: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    // INIT-1: an init file, read once at start; the server refuses it, one line, when an entry is refused (INIT-2).
    let init: unknown;
    const initFile = values.init;
    if (initFile !== undefined) {
      try {
        init = JSON.parse(readFileSync(initFile, "utf8"));
      } catch (error) {
        io.err(`${NAME} serve: --init ${initFile}: ${error instanceof Error ? error.message : String(error)}`);
        return 1;
      }
    }
    // IAM-7: the output of `aws iam list-roles`, read once at start.
    let iamRoles: unknown;
    if (values["iam-roles"] !== undefined) {
      const file = values["iam-roles"];
      const { parseRoles } = await import("./model/index.js");
      try {
        const roles = parseRoles(JSON.parse(readFileSync(file, "utf8")));
        if (!roles.ok) throw new Error(roles.reason);
        iamRoles = roles.value;
      } catch (error) {
        io.err(`${NAME} serve: --iam-roles ${file}: ${error instanceof Error ? error.message : String(error)}`);
        return 1;
      }
    } else if (values["strict-roles"] && !(typeof init === "object" && init !== null && "iamRoles" in init)) {
      throw new UsageError("--strict-roles needs --iam-roles FILE: with no registered role every role would be refused");
    }
    // WIRE-34: the keys of CIM_SECRET_KEYS, then those of the file, which win.
    let secretKeys: Record<string, string> | undefined;
    if (verifySignatures) {
      const sources: [string, () => string][] = [];
      if (process.env.CIM_SECRET_KEYS) sources.push(["CIM_SECRET_KEYS", () => process.env.CIM_SECRET_KEYS!]);
      const file = values["secret-keys"];
      if (file !== undefined) sources.push([`--secret-keys ${file}`, () => readFileSync(file, "utf8")]);
      secretKeys = {};
      for (const [where, read] of sources) {
        try {
          secretKeys = { ...secretKeys, ...secretKeysIn(read()) };
        } catch (error) {
          io.err(`${NAME} serve: ${where}: ${error instanceof Error ? error.message : String(error)}`);
          return 1;
        }
      }
      if (Object.keys(secretKeys).length === 0) throw new UsageError("--verify-signatures needs secret keys: --secret-keys FILE or CIM_SECRET_KEYS");
    }
    let server;
    try {
      server = await startServer({
        config,
        ...(iamRoles === undefined ? {} : { iamRoles }),
        ...(values["strict-roles"] ? { strictRoles: true } : {}),
        ...(init === undefined ? {} : { init: init as InitFile }),
        ...(adminToken === undefined ? {} : { adminToken }),
        ...(now === undefined ? {} : { now }),
        ...(secretKeys === undefined ? {} : { verifySignatures: true, secretKeys }),
        allowedHosts: values["allow-host"] ?? [],
        ...(values["data-dir"] === undefined ? {} : { dataDir: values["data-dir"], durability: durability ?? "fsync" }),
        ...(fsyncInterval === undefined ? {} : { fsyncIntervalMs: fsyncInterval }),
        port,
        host,
        seed,
        region: values.region,
        account: values.account,
        logRequests: values.log ?? false,
        log: io.err,
      });
    } catch (error) {
      if (error instanceof Error && error.name === "InitError") {
        io.err(`${NAME} serve: --init ${initFile}: ${error.message}`);
        return 1;
      }
      if (error instanceof Error && (error.name === "DataDirError" || error.name === "DataDirLockedError")) {
        io.err(`${NAME} serve: --data-dir: ${error.message}`);
        return 1;
      }
      io.err(`${NAME} serve: cannot listen: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    const running = server;
    // The handlers are in place before the URL is printed: whoever reads the line may signal at once.
    const stopped = new Promise<number>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        io.err(`${NAME} serve: ${signal}: stopping (requests in flight get at most 2 s)`);
        void running.close().then(() => {
          io.err(`${NAME} serve: stopped`);
          resolve(0);
        });
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    const recovery = server.dataDir?.recovery;
    if (recovery && !recovery.fresh) {
      io.err(`${NAME} serve: --data-dir ${values["data-dir"]}: resumed (${recovery.replayed} journaled change${recovery.replayed === 1 ? "" : "s"} replayed)`);
      // PERSIST-1: the directory's state wins; the init file is what a reset goes back to (INIT-4).
      if (initFile !== undefined) io.err(`${NAME} serve: --init ${initFile}: the data directory holds a state, which is kept; the file applies again on reset`);
    }
    const warning = exposedAdminWarning(host, adminToken);
    if (warning) io.err(warning);
    io.out(server.url);
    return stopped;
  },
};

const check: Command = {
  usage: checkUsage,
  summary: checkSummary,
  async run(args, io) {
    // The SDK's notice that its 2027 releases need Node 22 would interleave with the progress bar;
    // the installed version is pinned by the lockfile, so the check silences it for its own process.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const { runCheckCommand } = await import("./conformance/cli.js");
    return runCheckCommand(args, io);
  },
};

export const commands: Record<string, Command> = { serve, check };

export function usage(): string {
  const lines = Object.entries(commands).map(([, c]) => `  ${NAME} ${c.usage}\n      ${c.summary}`);
  return `usage:\n${lines.join("\n")}`;
}

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: string[], io: CliIO = { out: console.log, err: console.error }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return 0;
  }
  const command = name === undefined ? undefined : Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(name === undefined ? `${NAME}: missing command` : `${NAME}: unknown command '${name}'`);
    io.err(usage());
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`usage: ${NAME} ${command.usage}`);
    if (command.help) io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // parseArgs reports unknown options and missing values with a code starting ERR_PARSE_ARGS.
    const code = (error as { code?: unknown }).code;
    if (error instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) {
      io.err(`${NAME} ${name}: ${(error as Error).message}`);
      io.err(`usage: ${NAME} ${command.usage}`);
      return 2;
    }
    io.err(`${NAME} ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      console.error(`${NAME}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
