// WIRE-30: GET /_model/state is written at the pace its reader reads: the server makes the next
// pieces of the snapshot only when the socket has taken the last ones, and every reader, however
// slow, gets the whole snapshot of the state as it was when its request arrived.
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialState, snapshotState, step, testToken, type Result, type State } from "../../src/model/index.js";
import { sendJsonChunks } from "../../src/server/http.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { call } from "./raw.js";

const FACEBOOK = "graph.facebook.com";
const context = { account: "123456789012", region: "us-east-1", now: 1_700_000_000_000 };

/** A state of about `identities` * 300 bytes of snapshot: one pool, identities with long subjects. */
function bigState(identities: number): State {
  let [state, result]: [State, Result] = step(initialState({ seed: 21 }), { op: "CreateIdentityPool", input: { IdentityPoolName: "big", AllowUnauthenticatedIdentities: true, SupportedLoginProviders: { [FACEBOOK]: "app" } }, context });
  const poolId = (result as { output: { IdentityPoolId: string } }).output.IdentityPoolId;
  for (let i = 0; i < identities; i++) {
    const sub = `user-${i}-${"s".repeat(120)}`;
    [state, result] = step(state, { op: "GetId", input: { IdentityPoolId: poolId, Logins: { [FACEBOOK]: testToken(FACEBOOK, { sub, aud: "app" }) } }, context });
    if (!result.ok) throw new Error(result.error.message);
  }
  return state;
}

interface SlowRead {
  /** Resolves once the answer's first bytes arrived: the server has taken the state it writes. */
  started: Promise<void>;
  body: Promise<string>;
}

/** GET `path`, reading one socket read at a time with a pause after each, and the chunked body decoded. */
function slowGet(url: string, path: string, pauseMs: number): SlowRead {
  const { hostname, port, host } = new URL(url);
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const body = new Promise<string>((resolve, reject) => {
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      markStarted();
      socket.pause();
      setTimeout(() => socket.resume(), pauseMs);
    });
    socket.on("error", reject);
    socket.on("end", () => {
      const bytes = Buffer.concat(chunks);
      const end = bytes.indexOf("\r\n\r\n");
      const head = bytes.toString("latin1", 0, end);
      if (!/^HTTP\/1\.1 200 /.test(head) || !/\r\ntransfer-encoding: chunked/i.test(head)) return reject(new Error(head));
      const parts: Buffer[] = [];
      let at = end + 4;
      for (;;) {
        const lineEnd = bytes.indexOf("\r\n", at);
        const size = Number.parseInt(bytes.toString("latin1", at, lineEnd), 16);
        if (!(size > 0)) break;
        parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      resolve(Buffer.concat(parts).toString("utf8"));
    });
  });
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  return { started, body };
}

describe("sendJsonChunks", () => {
  let server: Server;
  let pulled = 0;
  const PIECE = "x".repeat(1024);
  const PIECES = 64 * 1024;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      // 64 MiB of JSON made on demand: far more than socket buffers hold.
      function* pieces() {
        yield '"';
        for (let i = 0; i < PIECES; i++) {
          pulled++;
          yield PIECE;
        }
        yield '"';
      }
      sendJsonChunks(res, 200, pieces());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("WIRE-30: makes no more of the answer than an unread socket takes, and all of it once read", async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const socket = connect(Number(new URL(url).port), "127.0.0.1");
    socket.pause();
    socket.write(`GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const whileUnread = pulled;
    expect(whileUnread).toBeGreaterThan(0);
    expect(whileUnread).toBeLessThan(PIECES / 2);
    let received = 0;
    socket.on("data", (chunk: Buffer) => (received += chunk.length));
    socket.resume();
    await new Promise((resolve) => socket.once("end", resolve));
    expect(pulled).toBe(PIECES);
    expect(received).toBeGreaterThan(PIECES * PIECE.length);
  });
});

describe("GET /_model/state to slow readers", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 21, log: () => {} });
    const restored = server.service.restore(snapshotState(bigState(20_000)));
    if (!restored.ok) throw new Error(restored.reason);
  });
  afterAll(() => server.close());

  it("WIRE-30: several slow readers each get the whole snapshot of the state their request found, byte for byte", async () => {
    const expected: string[] = [];
    const reads: SlowRead[] = [];
    for (let i = 0; i < 4; i++) {
      expected.push(JSON.stringify(server.service.snapshot()));
      const read = slowGet(server.url, "/_model/state", 2);
      reads.push(read);
      await read.started;
      // The state moves on while the earlier readers are still reading.
      const created = await call(server.url, "CreateIdentityPool", { IdentityPoolName: `later${i}`, AllowUnauthenticatedIdentities: true });
      expect(created.status).toBe(200);
    }
    const bodies = await Promise.all(reads.map((r) => r.body));
    expect(expected[0]!.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(new Set(expected).size).toBe(4);
    bodies.forEach((body, i) => expect(body === expected[i]).toBe(true));
    // What a reader got restores.
    expect(server.service.restore(JSON.parse(bodies[0]!))).toEqual({ ok: true });
    expect(JSON.stringify(server.service.snapshot())).toBe(expected[0]);
  });
});
