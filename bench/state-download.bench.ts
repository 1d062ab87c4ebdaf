// State downloads under backpressure (WIRE-30): the memory a server process takes while 30
// clients have asked for GET /_model/state of an ~18 MiB state and read nothing, then the time
// until all 30 have read it whole. `serve` streams the snapshot; the baseline, measured in the
// same run, is the same service answering the way it did before: one JSON.stringify of the
// snapshot per request, written with res.end. Each server runs in its own process; figures are
// reported against the baseline, never asserted.
import { fork } from "node:child_process";
import { createServer } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { initialState, snapshotState, step, testToken, type Result, type State } from "../src/model/index.js";
import { startServer } from "../src/server/index.js";
import { Service } from "../src/fake/service.js";
import { fmt, table } from "./measure.js";

const IDENTITIES = 60_000;
const CLIENTS = 30;
const UNREAD_MS = 3000;
const FACEBOOK = "graph.facebook.com";
const context = { account: "123456789012", region: "us-east-1", now: 1_700_000_000_000 };

function bigState(): State {
  let [state, result]: [State, Result] = step(initialState({ seed: 8 }), { op: "CreateIdentityPool", input: { IdentityPoolName: "big", AllowUnauthenticatedIdentities: true, SupportedLoginProviders: { [FACEBOOK]: "app" } }, context });
  const poolId = (result as { output: { IdentityPoolId: string } }).output.IdentityPoolId;
  for (let i = 0; i < IDENTITIES; i++) {
    const sub = `user-${i}-${"s".repeat(120)}`;
    [state, result] = step(state, { op: "GetId", input: { IdentityPoolId: poolId, Logins: { [FACEBOOK]: testToken(FACEBOOK, { sub, aud: "app" }) } }, context });
  }
  return state;
}

/** RSS, and heap plus off-heap buffers (what the process holds, whatever the allocator kept), idle and at their peaks. */
type Report = { idle: number; peak: number; heapIdle: number; heapPeak: number };

const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

/** In the child: a server of the big state, its RSS sampled until the parent asks for the figures. */
async function child(mode: "stream" | "whole"): Promise<void> {
  const service = new Service({ seed: 8, log: () => {} });
  const restored = service.restore(snapshotState(bigState()));
  if (!restored.ok) throw new Error(restored.reason);
  let port: number;
  if (mode === "stream") port = (await startServer({ port: 0, service, log: () => {} })).port;
  else {
    const server = createServer((req, res) => {
      req.resume();
      const body = JSON.stringify(service.snapshot());
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const idle = process.memoryUsage().rss;
  const heapIdle = held();
  let peak = idle;
  let heapPeak = heapIdle;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    heapPeak = Math.max(heapPeak, held());
  }, 20).unref();
  process.on("message", (message) => {
    if (message === "report") process.send!({ idle, peak, heapIdle, heapPeak } satisfies Report);
    if (message === "exit") process.exit(0);
  });
  process.send!({ port });
}

/** Opens CLIENTS connections that ask for the state and read nothing for UNREAD_MS, then read them all. */
async function download(port: number): Promise<{ readMs: number; lengths: Set<number>; bytes: number }> {
  const sockets = Array.from({ length: CLIENTS }, () => {
    const socket = connect(port, "127.0.0.1");
    socket.pause();
    socket.write(`GET /_model/state HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    return socket;
  });
  await new Promise((resolve) => setTimeout(resolve, UNREAD_MS));
  const start = process.hrtime.bigint();
  const lengths = await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<number>((resolve, reject) => {
          let received = 0;
          socket.on("data", (chunk: Buffer) => (received += chunk.length));
          socket.on("end", () => resolve(received));
          socket.on("error", reject);
          socket.resume();
        }),
    ),
  );
  return { readMs: Number(process.hrtime.bigint() - start) / 1e6, lengths: new Set(lengths), bytes: lengths[0]! };
}

async function measure(mode: "stream" | "whole"): Promise<Report & { readMs: number; bytes: number }> {
  process.stderr.write(`measuring ${mode} ...\n`);
  const proc = fork(fileURLToPath(import.meta.url), ["--child", mode], { execArgv: ["--import", "tsx", "--expose-gc"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const { port } = await new Promise<{ port: number }>((resolve) => proc.once("message", (m) => resolve(m as { port: number })));
  const { readMs, lengths, bytes } = await download(port);
  const report = await new Promise<Report>((resolve) => {
    proc.once("message", (m) => resolve(m as Report));
    proc.send("report");
  });
  proc.send("exit");
  // Every reader got an answer of one size (chunk framing included for the stream).
  if (lengths.size !== 1) throw new Error(`${mode}: the ${CLIENTS} answers differ in length: ${[...lengths].join(", ")}`);
  return { ...report, readMs, bytes };
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) await child(process.argv[childAt + 1] as "stream" | "whole");
else {
  const whole = await measure("whole");
  const stream = await measure("stream");
  const mb = (n: number) => fmt(n / 1024 / 1024, 0);
  const growth = (r: Report) => r.peak - r.idle;
  const heapGrowth = (r: Report) => r.heapPeak - r.heapIdle;
  console.log(
    `GET /_model/state of a ${fmt(whole.bytes / 1024 / 1024, 1)} MiB state: ${CLIENTS} clients ask and read nothing for ${UNREAD_MS / 1000} s, then read it whole; ` +
      "memory of the server process (sampled every 20 ms) before the requests and at its peak: RSS, and heap plus buffers\n",
  );
  console.log(
    table([
      ["server", "RSS idle → peak (MB)", "heap+buffers idle → peak (MB)", "heap+buffers growth / baseline's", "all read in (ms)", "read time / baseline's"],
      ["baseline: one string per request, res.end", `${mb(whole.idle)} → ${mb(whole.peak)}`, `${mb(whole.heapIdle)} → ${mb(whole.heapPeak)}`, "1", fmt(whole.readMs, 0), "1"],
      [
        "serve: streamed, backpressure",
        `${mb(stream.idle)} → ${mb(stream.peak)}`,
        `${mb(stream.heapIdle)} → ${mb(stream.heapPeak)}`,
        fmt(heapGrowth(stream) / heapGrowth(whole), 3),
        fmt(stream.readMs, 0),
        fmt(stream.readMs / whole.readMs),
      ],
    ]),
  );
  console.log(`\nRSS growth, serve / baseline: ${fmt(growth(stream) / growth(whole), 3)}`);
}
