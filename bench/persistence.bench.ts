// serve --data-dir (spec/persistence.md): CreateIdentityPool and GetId throughput with 16 clients
// and the journal fsynced before every answer (group commit), relative to the same server in
// memory, measured in the same run (target: at least 0.3x); and the start-up time of a server
// whose journal holds 100,000 identities, relative to one on an empty directory.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Service } from "../src/fake/service.js";
import { DataDir } from "../src/server/persistence/data-dir.js";
import { serviceRequest, signedBy } from "../test/service-request.js";
import { postJson } from "./http-client.js";
import { fmt, table } from "./measure.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLIENTS = 16;
const SECONDS = 3;
const IDENTITIES = 100_000;
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

/** Signed for `account` (the server does not verify signatures here): pools count against the quota of theirs. */
const post = (url: URL, op: string, body: string, account: string) => postJson(url, agent, op, body, signedBy(account).authorization);

function serve(args: string[]): Promise<{ url: URL; child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli.ts"), "serve", "--port", "0", "--seed", "1", ...args], { cwd: root, stdio: ["ignore", "pipe", "ignore"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve({ url: new URL(out.split("\n")[0]!), child, ms: performance.now() - started });
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => (child.once("exit", () => resolve()), child.kill("SIGTERM")));

/** Requests per second of `op` from CLIENTS clients; each client has accounts of its own, changed before the pool quota. */
async function throughput(url: URL, op: "CreateIdentityPool" | "GetId"): Promise<number> {
  let poolId = "";
  if (op === "GetId") {
    const created = await post(url, "CreateIdentityPool", JSON.stringify({ IdentityPoolName: "bench", AllowUnauthenticatedIdentities: true }), "100000000000");
    poolId = (JSON.parse(created.body) as { IdentityPoolId: string }).IdentityPoolId;
  }
  const until = performance.now() + SECONDS * 1000;
  let done = 0;
  const client = async (c: number) => {
    for (let i = 0; performance.now() < until; i++) {
      const account = op === "GetId" ? "100000000000" : String(200000000000 + c * 1000 + Math.floor(i / 900));
      const body = op === "GetId" ? JSON.stringify({ IdentityPoolId: poolId }) : JSON.stringify({ IdentityPoolName: `p${i}`, AllowUnauthenticatedIdentities: true });
      const answer = await post(url, op, body, account);
      if (answer.status !== 200) throw new Error(`${op}: ${answer.status} ${answer.body}`);
      done++;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  return done / SECONDS;
}

const rows: (string | number)[][] = [["server", "CreateIdentityPool /s", "GetId /s", "vs in memory"]];
const figures: Record<string, [number, number]> = {};
for (const [name, args] of [
  ["in memory", []],
  ["--data-dir, fsync", ["--data-dir", mkdtempSync(join(tmpdir(), "cim-bench-fsync-"))]],
  ["--data-dir, write", ["--data-dir", mkdtempSync(join(tmpdir(), "cim-bench-write-")), "--durability", "write"]],
] as [string, string[]][]) {
  const server = await serve(args);
  await throughput(server.url, "GetId"); // warm-up
  const create = await throughput(server.url, "CreateIdentityPool");
  const getId = await throughput(server.url, "GetId");
  await stop(server.child);
  figures[name] = [create, getId];
  const base = figures["in memory"]!;
  rows.push([name, Math.round(create), Math.round(getId), `${fmt(create / base[0])}x, ${fmt(getId / base[1])}x`]);
}
console.log(table(rows));

// Start-up: a directory whose journal holds IDENTITIES identities (written in process, as a server would).
const full = mkdtempSync(join(tmpdir(), "cim-bench-start-"));
{
  const service = new Service({ seed: 1 });
  const data = await DataDir.open(full, service, { durability: "write", log: () => {} });
  const wire = (op: string, body: unknown) => serviceRequest(op, JSON.stringify(body), { account: "100000000000", host: "127.0.0.1" });
  const created = JSON.parse(String((await service.handle(wire("CreateIdentityPool", { IdentityPoolName: "start", AllowUnauthenticatedIdentities: true }))).body)) as { IdentityPoolId: string };
  for (let i = 0; i < IDENTITIES; i++) {
    await service.handle(wire("GetId", { IdentityPoolId: created.IdentityPoolId }));
    if (i % 1000 === 999) await data.settled();
  }
  await data.close();
}
const empty = await serve(["--data-dir", mkdtempSync(join(tmpdir(), "cim-bench-empty-"))]);
await stop(empty.child);
const loaded = await serve(["--data-dir", full]);
await stop(loaded.child);
console.log(
  `\n${table([
    ["start-up", "ms", "vs empty directory"],
    ["empty --data-dir", Math.round(empty.ms), "1"],
    [`${IDENTITIES.toLocaleString("en-US")} identities in the journal`, Math.round(loaded.ms), fmt(loaded.ms / empty.ms)],
  ])}`,
);
const [create, getId] = figures["--data-dir, fsync"]!;
const [memCreate, memGetId] = figures["in memory"]!;
console.log(`\ntarget: fsync throughput at least 0.3x of in memory with ${CLIENTS} clients (CreateIdentityPool ${fmt(create / memCreate)}x, GetId ${fmt(getId / memGetId)}x)`);
agent.destroy();
