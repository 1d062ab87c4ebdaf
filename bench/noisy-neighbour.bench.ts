// Left running beside a careless client: the p99 latency of well-behaved clients while one client
// loops 1 MB invalid SetIdentityPoolRoles bodies (refused with a bounded message, VAL-19), against
// the same clients without it, measured in the same run (target: within 2x). The server and the
// careless client each run in a process of their own, as they would: the figure is the server's.
// NOISY_LOG=1 passes --log to the server, whose request lines give its own time for each answer.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Agent } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { signedBy } from "../test/service-request.js";
import { postJson } from "./http-client.js";
import { fmt, table } from "./measure.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const WELL_BEHAVED = 4;
const SECONDS = 4;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
/** Signed as SDKs sign (the server does not verify signatures by default): the careless client is an authenticated one. */
const AUTH = signedBy().authorization;

const post = async (url: URL, op: string, body: string): Promise<number> => (await postJson(url, agent, op, body, AUTH)).ms;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/**
 * How the well-behaved clients send. "saturating": each sends its next request as soon as the last
 * is answered (closed loop), so together they keep the 2 cores busy and any other work on the
 * machine, the careless client's own included, takes from them. "paced": together they send
 * PACED_RATE requests a second at fixed times (open loop), as apps do: a slow answer does not
 * hold back the requests due after it.
 */
type Load = "saturating" | "paced";
const PACED_RATE = 2000;

/** Latencies of the well-behaved clients for SECONDS, with or without the noisy one. */
async function measure(url: URL, poolId: string, noisy: boolean, load: Load): Promise<{ latencies: number[]; noisyRequests: number }> {
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const latencies: number[] = [];
  const body = JSON.stringify({ IdentityPoolId: poolId });
  const saturating = async () => {
    while (performance.now() < until) latencies.push(await post(url, "DescribeIdentityPool", body));
  };
  const paced = async () => {
    const interval = 1000 / PACED_RATE;
    const inFlight: Promise<void>[] = [];
    for (let i = 0; started + i * interval < until; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(post(url, "DescribeIdentityPool", body).then((latency) => void latencies.push(latency)));
    }
    await Promise.all(inFlight);
  };
  // About 1 MB of an invalid role map: every value breaks the ARN pattern, so the answer echoes values (bounded).
  const junk = JSON.stringify({ IdentityPoolId: poolId, Roles: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, "x".repeat(500)])) });
  const loud = noisy ? careless(url, junk, SECONDS) : undefined;
  await (load === "paced" ? paced() : Promise.all(Array.from({ length: WELL_BEHAVED }, saturating)));
  return { latencies, noisyRequests: loud ? await loud : 0 };
}

/** The careless client, in a process of its own: sends `body` in a loop for `seconds`, answers how many it sent. */
function careless(url: URL, body: string, seconds: number): Promise<number> {
  const script = `
    const body = require("node:fs").readFileSync(process.env.BODY_FILE);
    const until = Date.now() + ${seconds * 1000};
    let sent = 0;
    (async () => {
      while (Date.now() < until) {
        const r = await fetch(${JSON.stringify(url.href)}, { method: "POST", body, headers: ${JSON.stringify({
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": "AWSCognitoIdentityService.SetIdentityPoolRoles",
          "x-amz-date": "20240101T000000Z",
          authorization: AUTH,
        })} });
        await r.arrayBuffer();
        sent++;
      }
      console.log(sent);
    })();`;
  const file = join(mkdtempSync(join(tmpdir(), "cim-noisy-")), "body.json");
  writeFileSync(file, body);
  const child = spawn(process.execPath, ["-e", script], { env: { ...process.env, BODY_FILE: file }, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on("exit", () => resolve(Number(out.trim()) || 0)));
}

/** `cognito-identity-model serve` in its own process; resolves with its URL once it listens. */
function serve(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli.ts"), "serve", "--port", "0", "--seed", "1", ...(process.env.NOISY_LOG ? ["--log"] : [])], { cwd: root, stdio: ["ignore", "pipe", process.env.NOISY_LOG ? "inherit" : "ignore"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve({ url: out.split("\n")[0]!, child });
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

const server = await serve();
try {
  const url = new URL(server.url);
  const created = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.CreateIdentityPool", "x-amz-date": "20240101T000000Z", authorization: AUTH },
    body: JSON.stringify({ IdentityPoolName: "quiet", AllowUnauthenticatedIdentities: true }),
  });
  const { IdentityPoolId } = (await created.json()) as { IdentityPoolId: string };
  await measure(url, IdentityPoolId, false, "saturating"); // warm-up
  const rows: (string | number)[][] = [["well-behaved clients", "requests", "p50 ms", "p99 ms", "p99 vs quiet"]];
  const ratios: string[] = [];
  for (const load of ["paced", "saturating"] as const) {
    const quiet = await measure(url, IdentityPoolId, false, load);
    const loud = await measure(url, IdentityPoolId, true, load);
    const p99Quiet = percentile(quiet.latencies, 99);
    const p99Loud = percentile(loud.latencies, 99);
    const who = load === "paced" ? `${PACED_RATE} requests/s, paced` : `${WELL_BEHAVED} in closed loops`;
    rows.push([`${who}, alone`, quiet.latencies.length, fmt(percentile(quiet.latencies, 50)), fmt(p99Quiet), "1"]);
    rows.push([`${who}, beside one sending 1 MB invalid bodies (${loud.noisyRequests} sent)`, loud.latencies.length, fmt(percentile(loud.latencies, 50)), fmt(p99Loud), fmt(p99Loud / p99Quiet)]);
    ratios.push(`${load} ${fmt(p99Loud / p99Quiet)}x`);
  }
  console.log(table(rows));
  console.log(`\ntarget: p99 within 2x of the quiet run (${ratios.join(", ")})`);
} finally {
  agent.destroy();
  server.child.kill("SIGTERM");
}
