// HTTP: requests per second of `serve` for DescribeIdentityPool, 16 requests in flight from a raw
// keep-alive client, against a bare node:http server that returns a fixed body (the practical
// ceiling) and against moto server. Targets: at least 0.5x the bare server, at least 20x moto.
// Every server runs in its own process on loopback; figures are measured in this run, never asserted.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, table } from "./measure.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const IN_FLIGHT = 16;
const WARMUP_MS = 500;
const MEASURE_MS = 2000;
const ROUNDS = 4;
/** Bound on the requests of one measurement, whatever the speed. */
const MAX_REQUESTS = 2_000_000;

const AUTH =
  "AWS4-HMAC-SHA256 Credential=123456789012/20240101/us-east-1/cognito-identity/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000";

function rawRequest(port: number, op: string, body: string): Buffer {
  return Buffer.from(
    `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-amz-json-1.1\r\n` +
      `X-Amz-Target: AWSCognitoIdentityService.${op}\r\nX-Amz-Date: 20240101T000000Z\r\nAuthorization: ${AUTH}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`,
  );
}

/**
 * A keep-alive connection that sends one request at a time and reads Content-Length responses.
 * When the server answers `Connection: close` (moto does, every time), the next request opens a
 * new connection.
 */
class RawConnection {
  private socket?: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private pending?: (r: { status: number; body: string }) => void;
  constructor(private readonly port: number) {}

  private open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.port, "127.0.0.1", () => resolve(socket));
      socket.setNoDelay(true);
      socket.once("error", reject);
      socket.on("data", (chunk: Buffer) => {
        this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
        this.drain();
      });
      socket.on("close", () => {
        if (this.socket !== socket) return;
        this.socket = undefined;
        this.buffer = Buffer.alloc(0);
        const done = this.pending;
        this.pending = undefined;
        done?.({ status: 0, body: "" });
      });
    });
  }

  private drain(): void {
    const end = this.buffer.indexOf("\r\n\r\n");
    if (end < 0 || !this.pending) return;
    const head = this.buffer.toString("latin1", 0, end);
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const length = m ? Number(m[1]) : 0;
    if (this.buffer.length < end + 4 + length) return;
    const body = this.buffer.toString("utf8", end + 4, end + 4 + length);
    this.buffer = this.buffer.subarray(end + 4 + length);
    const done = this.pending;
    this.pending = undefined;
    if (/\r\nconnection:\s*close/i.test(head)) {
      // The server will read nothing more on this connection: the next request opens a new one.
      const socket = this.socket;
      this.socket = undefined;
      socket?.destroy();
    }
    done({ status: Number(head.slice(9, 12)), body });
  }

  async send(bytes: Buffer): Promise<{ status: number; body: string }> {
    this.socket ??= await this.open();
    const socket = this.socket;
    return new Promise((resolve) => {
      this.pending = resolve;
      socket.write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
  }
}

/** Requests per second over MEASURE_MS after WARMUP_MS, with IN_FLIGHT connections each one request at a time. */
async function measure(name: string, port: number, request: Buffer): Promise<{ rps: number; failures: number }> {
  process.stderr.write(`measuring ${name} ...\n`);
  const connections = Array.from({ length: IN_FLIGHT }, () => new RawConnection(port));
  let counting = false;
  let done = 0;
  let failures = 0;
  let stop = false;
  const loops = connections.map(async (c) => {
    while (!stop && done < MAX_REQUESTS) {
      const r = await c.send(request);
      if (counting) {
        done++;
        if (r.status !== 200) failures++;
      }
    }
  });
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  counting = true;
  const start = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, MEASURE_MS));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const counted = done;
  stop = true;
  await Promise.all(loops);
  connections.forEach((c) => c.close());
  return { rps: counted / seconds, failures };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a child and resolves with the port it prints on its first stdout line that has one. */
function startPrinting(command: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /:(\d+)\s*$/m.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once("exit", (code) => reject(new Error(`${command} exited with ${code}`)));
  });
}

async function waitForPort(port: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function createPool(port: number): Promise<string> {
  const c = new RawConnection(port);
  const r = await c.send(rawRequest(port, "CreateIdentityPool", '{"IdentityPoolName":"bench","AllowUnauthenticatedIdentities":true}'));
  c.close();
  if (r.status !== 200) throw new Error(`CreateIdentityPool: ${r.status} ${r.body}`);
  return (JSON.parse(r.body) as { IdentityPoolId: string }).IdentityPoolId;
}

const describeBody = (id: string) => JSON.stringify({ IdentityPoolId: id });

const BARE_SERVER = `
const http = require("node:http");
const body = JSON.stringify({ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000", IdentityPoolName: "bench", AllowUnauthenticatedIdentities: true, IdentityPoolTags: {} });
const server = http.createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => {
    res.writeHead(200, { "Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": "00000000-0000-4000-8000-000000000000", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log("http://127.0.0.1:" + server.address().port));
`;

/**
 * `serve` as users run it: the built bin (dist/src/cli.js, from `npm run build`) when it is newer
 * than every source file, else the sources through tsx (a little slower).
 */
function serveCommand(): { args: string[]; label: string } {
  const built = join(root, "dist/src/cli.js");
  if (existsSync(built)) {
    const newestSource = readdirSync(join(root, "src"), { recursive: true })
      .map((f) => statSync(join(root, "src", String(f))).mtimeMs)
      .reduce((a, b) => Math.max(a, b), 0);
    if (statSync(built).mtimeMs >= newestSource) return { args: [built], label: "dist/src/cli.js" };
  }
  return { args: ["--import", "tsx", join(root, "src/cli.ts")], label: "src/cli.ts through tsx (npm run build to measure the built bin)" };
}

const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGTERM")));

// The bare server and serve run side by side and are measured in alternating windows, so load
// from elsewhere on the machine affects both alike; each figure is the median of its windows.
const bare = await startPrinting(process.execPath, ["-e", BARE_SERVER]);
children.push(bare.child);
const ours = await startPrinting(process.execPath, [...serveCommand().args, "serve", "--port", "0", "--seed", "1"]);
children.push(ours.child);
const poolId = await createPool(ours.port);
const bareRequest = rawRequest(bare.port, "DescribeIdentityPool", describeBody("us-east-1:00000000-0000-4000-8000-000000000000"));
const oursRequest = rawRequest(ours.port, "DescribeIdentityPool", describeBody(poolId));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bareRuns: number[] = [];
const oursRuns: number[] = [];
let failures = 0;
for (let round = 1; round <= ROUNDS; round++) {
  const b = await measure(`bare node:http (round ${round})`, bare.port, bareRequest);
  const o = await measure(`serve (round ${round})`, ours.port, oursRequest);
  bareRuns.push(b.rps);
  oursRuns.push(o.rps);
  failures += b.failures + o.failures;
}
bare.child.kill("SIGTERM");
ours.child.kill("SIGTERM");

let motoRps: number | undefined;
let motoNote = "";
const hasMoto = spawnSync("python3", ["-c", "import moto.server"], { stdio: "ignore" }).status === 0;
if (hasMoto) {
  const port = await freePort();
  const moto = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  children.push(moto);
  if (await waitForPort(port, 30_000)) {
    const motoPool = await createPool(port);
    const m = await measure("moto server", port, rawRequest(port, "DescribeIdentityPool", describeBody(motoPool)));
    motoRps = m.rps;
    failures += m.failures;
  } else motoNote = "did not start";
  moto.kill("SIGTERM");
} else motoNote = "not installed (python3 -m moto.server)";

const bareRps = median(bareRuns);
const oursRps = median(oursRuns);
// Each serve window is compared with the bare window just before it; the median of those ratios.
const oursOverBare = median(oursRuns.map((x, i) => x / bareRuns[i]!));
console.log(
  `DescribeIdentityPool over HTTP: ${IN_FLIGHT} requests in flight on keep-alive connections, loopback; ` +
    `${ROUNDS} alternating windows of ${MEASURE_MS / 1000} s (after ${WARMUP_MS / 1000} s warm-up) per server, median shown; ` +
    `serve ran from ${serveCommand().label}\n`,
);
const runs = (xs: number[]) => xs.map((x) => fmt(x, 0)).join(", ");
console.log(
  table([
    ["server", "requests/s (median)", "windows", "serve / this"],
    ["bare node:http, fixed body", fmt(bareRps, 0), runs(bareRuns), `${fmt(oursOverBare)}x`],
    ["cognito-identity-model serve", fmt(oursRps, 0), runs(oursRuns), "1x"],
    ["moto server", motoRps === undefined ? motoNote : fmt(motoRps, 0), motoRps === undefined ? "-" : "1", motoRps ? `${fmt(oursRps / motoRps, 1)}x` : "-"],
  ]),
);
console.log("");
console.log(`serve / bare node:http = ${fmt(oursOverBare)}x (target >= 0.5x; median of per-window ratios)`);
if (motoRps) console.log(`serve / moto = ${fmt(oursRps / motoRps, 1)}x (target >= 20x)`);
if (failures > 0) console.log(`non-200 answers while measuring: ${failures}`);
process.exit(0);
