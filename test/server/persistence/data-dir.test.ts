// PERSIST-*: the data directory, in process: replay gives the same state, faults are refused or
// repaired as the rules say.
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { CognitoIdentityClient, CreateIdentityPoolCommand, GetIdCommand, GetOpenIdTokenCommand, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { startServer } from "../../../src/server/index.js";
import { Service, type ServiceOptions } from "../../../src/fake/service.js";
import { DataDir, DataDirError } from "../../../src/server/persistence/data-dir.js";
import { nodeFiles, type DataFiles } from "../../../src/server/persistence/files.js";
import { DataDirLockedError } from "../../../src/server/persistence/lock.js";
import type { WireRequest } from "../../../src/protocol/wire.js";
import { plannedCommands } from "../../model/commands.js";
import { serviceRequest } from "../../service-request.js";

const options: ServiceOptions = { seed: 7, now: () => 1_700_000_000_000 };
const newDir = () => mkdtempSync(join(tmpdir(), "cim-data-"));

const request = (op: string, input: unknown): WireRequest => serviceRequest(op, JSON.stringify(input));

/** Answers `op` and waits until its change is durable; the answer's JSON and whether it became durable. */
async function send(service: Service, data: DataDir, op: string, input: unknown) {
  const answer = await service.handle(request(op, input));
  const durable = (await data.settled()) ?? true;
  return { status: answer.status, body: JSON.parse(String(answer.body)) as Record<string, unknown>, durable };
}

/** The state as a snapshot has it; the request counter left out (it goes on from the last change, PERSIST-4). */
const stateOf = (service: Service) => JSON.stringify(service.snapshot().state);

async function reopen(dir: string, extra: ServiceOptions = {}) {
  const service = new Service({ ...options, ...extra });
  const logs: string[] = [];
  const data = await DataDir.open(dir, service, { log: (line) => logs.push(line) });
  return { service, data, logs };
}

const journals = (dir: string) => readdirSync(dir).filter((name) => name.startsWith("journal-")).sort();

describe("data directory", () => {
  it("PERSIST-4: a state rebuilt from snapshot and journal is the state that was, byte for byte, across segments (property)", async () => {
    await fc.assert(
      fc.asyncProperty(plannedCommands, fc.integer({ min: 0, max: 3 }), async (planned, resets) => {
        const dir = newDir();
        const service = new Service(options);
        const data = await DataDir.open(dir, service, { segmentBytes: 1500, log: () => {} });
        for (const [i, plan] of planned.entries()) {
          const command = plan(service.state);
          await send(service, data, command.op, command.input);
          if (i % 13 === 12 && resets > 0) service.reset(), resets--;
        }
        await data.settled();
        const expected = stateOf(service);
        await data.close();
        const again = await reopen(dir);
        expect(stateOf(again.service)).toBe(expected);
        await again.data.close();
      }),
      { numRuns: 25 },
    );
  });

  it("PERSIST-2: fsync durability syncs before answering, one fsync for the changes of a turn; write durability answers after the write and syncs on its interval", async () => {
    const counted = () => {
      const counts = { writes: 0, syncs: 0 };
      const files: DataFiles = {
        ...nodeFiles,
        async append(path) {
          const file = await nodeFiles.append(path);
          return { ...file, write: (data) => (counts.writes++, file.write(data)), sync: () => (counts.syncs++, file.sync()) };
        },
      };
      return { counts, files };
    };
    const fsync = counted();
    const service = new Service(options);
    const data = await DataDir.open(newDir(), service, { files: fsync.files, log: () => {} });
    const before = { ...fsync.counts };
    // Sixteen changes in one turn: one write, one fsync.
    const answers = Array.from({ length: 16 }, (_, i) => service.respond(request("CreateIdentityPool", { IdentityPoolName: `p${i}`, AllowUnauthenticatedIdentities: true })));
    expect(answers.every((a) => !(a instanceof Promise) && a.status === 200)).toBe(true);
    expect(await data.settled()).toBe(true);
    expect({ writes: fsync.counts.writes - before.writes, syncs: fsync.counts.syncs - before.syncs }).toEqual({ writes: 1, syncs: 1 });
    await data.close();

    const write = counted();
    const lazy = new Service(options);
    const lazyData = await DataDir.open(newDir(), lazy, { files: write.files, durability: "write", fsyncIntervalMs: 50, log: () => {} });
    const start = { ...write.counts };
    await send(lazy, lazyData, "CreateIdentityPool", { IdentityPoolName: "w", AllowUnauthenticatedIdentities: true });
    expect({ writes: write.counts.writes - start.writes, syncs: write.counts.syncs - start.syncs }).toEqual({ writes: 1, syncs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(write.counts.syncs - start.syncs).toBe(1);
    await lazyData.close();
  });

  it("PERSIST-6: segments are closed by snapshots, and the files before the last snapshot are removed", async () => {
    const dir = newDir();
    const service = new Service(options);
    const data = await DataDir.open(dir, service, { segmentBytes: 2000, log: () => {} });
    for (let i = 0; i < 40; i++) await send(service, data, "CreateIdentityPool", { IdentityPoolName: `p${i}`, AllowUnauthenticatedIdentities: true });
    const expected = stateOf(service);
    await data.close();
    const names = readdirSync(dir);
    expect(names.filter((n) => n.startsWith("snapshot-")).length).toBe(1);
    expect(journals(dir).length).toBeLessThanOrEqual(2);
    expect(names.find((n) => n.startsWith("snapshot-"))).not.toBe("snapshot-00000000.json");
    const again = await reopen(dir);
    expect(stateOf(again.service)).toBe(expected);
    await again.data.close();
  });

  it("PERSIST-3: a reset is journaled: a restart does not bring back what was before it, and ids of the new generation are not reused", async () => {
    const dir = newDir();
    const first = await reopen(dir);
    const before = await send(first.service, first.data, "CreateIdentityPool", { IdentityPoolName: "before", AllowUnauthenticatedIdentities: true });
    first.service.reset();
    const after = await send(first.service, first.data, "CreateIdentityPool", { IdentityPoolName: "after", AllowUnauthenticatedIdentities: true });
    await first.data.close();
    const second = await reopen(dir);
    const listed = await send(second.service, second.data, "ListIdentityPools", { MaxResults: 10 });
    expect(listed.body.IdentityPools).toEqual([{ IdentityPoolId: after.body.IdentityPoolId, IdentityPoolName: "after" }]);
    const next = await send(second.service, second.data, "CreateIdentityPool", { IdentityPoolName: "next", AllowUnauthenticatedIdentities: true });
    expect([before.body.IdentityPoolId, after.body.IdentityPoolId]).not.toContain(next.body.IdentityPoolId);
    // A reset after the restart is a generation of its own too.
    second.service.reset();
    const third = await send(second.service, second.data, "CreateIdentityPool", { IdentityPoolName: "third", AllowUnauthenticatedIdentities: true });
    expect([before.body.IdentityPoolId, after.body.IdentityPoolId, next.body.IdentityPoolId]).not.toContain(third.body.IdentityPoolId);
    await second.data.close();
  });

  it("PERSIST-4: request ids after a restart are new ones, though the answers after the last change were never journaled", async () => {
    const dir = newDir();
    const ids = async (service: Service) => {
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) seen.push((await service.handle(request("ListIdentityPools", { MaxResults: 1 }))).headers["x-amzn-RequestId"]!);
      return seen;
    };
    const first = await reopen(dir);
    await send(first.service, first.data, "CreateIdentityPool", { IdentityPoolName: "one", AllowUnauthenticatedIdentities: true });
    const before = await ids(first.service);
    await first.data.close();
    const second = await reopen(dir);
    const after = await ids(second.service);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
    await second.data.close();
    // And a third start gives others again.
    const third = await reopen(dir);
    const later = await ids(third.service);
    expect(later.filter((id) => before.includes(id) || after.includes(id))).toEqual([]);
    await third.data.close();
  });

  it("PERSIST-3: restores and registered roles are journaled", async () => {
    const dir = newDir();
    const first = await reopen(dir);
    const donor = new Service({ seed: 99, now: options.now });
    await donor.handle(request("CreateIdentityPool", { IdentityPoolName: "restored", AllowUnauthenticatedIdentities: true }));
    expect(first.service.restore(donor.snapshot())).toEqual({ ok: true });
    const roles = [{ RoleName: "r", Arn: "arn:aws:iam::123456789012:role/r", AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [] } }];
    expect(first.service.setIamRoles(roles)).toEqual({ ok: true });
    await first.data.settled();
    const expected = stateOf(first.service);
    await first.data.close();
    const second = await reopen(dir);
    expect(stateOf(second.service)).toBe(expected);
    expect(second.service.iamRoles().Roles.map((r) => r.RoleName)).toEqual(["r"]);
    await second.data.close();
  });

  it("PERSIST-5: a torn last record (killed mid-write) is dropped with a log line, and the journal goes on after it", async () => {
    const dir = newDir();
    const first = await reopen(dir);
    await send(first.service, first.data, "CreateIdentityPool", { IdentityPoolName: "kept", AllowUnauthenticatedIdentities: true });
    const expected = stateOf(first.service);
    await first.data.close();
    const journal = join(dir, journals(dir).at(-1)!);
    const torn = '0badf00d {"kind":"step","command":{"op":"CreateIdentityPool","inp';
    appendFileSync(journal, torn);
    const second = await reopen(dir);
    expect(stateOf(second.service)).toBe(expected);
    expect(second.data.recovery).toMatchObject({ fresh: false, replayed: 1, tornBytes: torn.length });
    expect(second.logs).toEqual([expect.stringContaining(`ended in a torn record (${torn.length} bytes, written as the server stopped, never acknowledged): dropped`)]);
    await send(second.service, second.data, "CreateIdentityPool", { IdentityPoolName: "next", AllowUnauthenticatedIdentities: true });
    const expectedNext = stateOf(second.service);
    await second.data.close();
    const third = await reopen(dir);
    expect(stateOf(third.service)).toBe(expectedNext);
    expect(third.logs).toEqual([]);
    await third.data.close();
  });

  it("PERSIST-5: a record that fails its checksum with good records after it refuses the start, naming the record; the files are left as they were", async () => {
    const dir = newDir();
    const first = await reopen(dir);
    for (const name of ["a", "b", "c"]) await send(first.service, first.data, "CreateIdentityPool", { IdentityPoolName: name, AllowUnauthenticatedIdentities: true });
    await first.data.close();
    const journal = join(dir, journals(dir).at(-1)!);
    const text = readFileSync(journal, "utf8");
    const damaged = text.replace('"IdentityPoolName":"b"', '"IdentityPoolName":"B"');
    writeFileSync(journal, damaged);
    await expect(reopen(dir)).rejects.toThrow(DataDirError);
    await expect(reopen(dir)).rejects.toThrow(/journal-00000000\.log: record 2 \(at byte \d+\) is damaged \(checksum mismatch\) and 1 good record follow it: refusing to start/);
    expect(readFileSync(journal, "utf8")).toBe(damaged);
  });

  it("PERSIST-8: a snapshot or journal of another format version is refused with both versions named", async () => {
    const dir = newDir();
    const first = await reopen(dir);
    await first.data.close();
    const snapshot = join(dir, "snapshot-00000000.json");
    writeFileSync(snapshot, readFileSync(snapshot, "utf8").replace('"version":1,"kind":"snapshot"', '"version":0,"kind":"snapshot"'));
    await expect(reopen(dir)).rejects.toThrow(
      "snapshot-00000000.json is in data format version 0; this version of cognito-identity-model reads version 1 only. Start it on another --data-dir, or run the version that wrote this one",
    );
  });

  it("PERSIST-4: a snapshot cut short or changed is refused, never read in part", async () => {
    const dir = newDir();
    const first = await reopen(dir);
    await first.data.close();
    const snapshot = join(dir, "snapshot-00000000.json");
    const text = readFileSync(snapshot, "utf8");
    writeFileSync(snapshot, text.slice(0, text.length - 30));
    await expect(reopen(dir)).rejects.toThrow(/snapshot-00000000\.json: (no trailer line|its trailer line is not JSON)/);
    writeFileSync(snapshot, text.replace('"seed":7', '"seed":8'));
    await expect(reopen(dir)).rejects.toThrow("snapshot-00000000.json: checksum mismatch");
  });

  it("PERSIST-7: a second server on the same directory is refused; a lock left by a killed one is taken over", async () => {
    const dir = newDir();
    const first = await reopen(dir);
    await expect(reopen(dir)).rejects.toThrow(DataDirLockedError);
    await expect(reopen(dir)).rejects.toThrow(`${dir} is in use by another server (process ${process.pid}, this one)`);
    await first.data.close();
    // The lock of a process that is gone.
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(join(dir, "lock"), JSON.stringify({ pid: Number(gone), host: (await import("node:os")).hostname(), since: "2026-01-01T00:00:00.000Z" }));
    const second = await reopen(dir);
    await second.data.close();
    writeFileSync(join(dir, "lock"), JSON.stringify({ pid: 1, host: "elsewhere.example", since: "2026-01-01T00:00:00.000Z" }));
    await expect(reopen(dir)).rejects.toThrow(`${dir} is locked by process 1 on host elsewhere.example (since 2026-01-01T00:00:00.000Z). If no server runs there any more, delete ${join(dir, "lock")}`);
  });

  it("PERSIST-9: a full disk: the change is undone and not acknowledged, the journal keeps its last whole record, and writes resume once there is room", async () => {
    const dir = newDir();
    let full = false;
    const files: DataFiles = {
      ...nodeFiles,
      async append(path) {
        const file = await nodeFiles.append(path);
        return {
          ...file,
          async write(data) {
            if (!full) return file.write(data);
            // Part of it lands, as on a disk that fills up in the middle of a write.
            await file.write(data.subarray(0, Math.floor(data.length / 2)));
            throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
          },
        };
      },
    };
    const service = new Service(options);
    const logs: string[] = [];
    const data = await DataDir.open(dir, service, { files, log: (line) => logs.push(line) });
    await send(service, data, "CreateIdentityPool", { IdentityPoolName: "one", AllowUnauthenticatedIdentities: true });
    const before = stateOf(service);
    full = true;
    const refused = await send(service, data, "CreateIdentityPool", { IdentityPoolName: "two", AllowUnauthenticatedIdentities: true });
    expect(refused.durable).toBe(false);
    expect(stateOf(service)).toBe(before);
    expect(logs).toEqual([expect.stringContaining("ENOSPC: no space left on device, write; the 1 change(s) it held are undone and answered as errors")]);
    full = false;
    const three = await send(service, data, "CreateIdentityPool", { IdentityPoolName: "three", AllowUnauthenticatedIdentities: true });
    expect(three.durable).toBe(true);
    const expected = stateOf(service);
    await data.close();
    const again = await reopen(dir);
    expect(stateOf(again.service)).toBe(expected);
    const listed = await send(again.service, again.data, "ListIdentityPools", { MaxResults: 10 });
    expect((listed.body.IdentityPools as { IdentityPoolName: string }[]).map((p) => p.IdentityPoolName)).toEqual(["one", "three"]);
    await again.data.close();
  });

  it("PERSIST-9: over HTTP, a change the disk refuses is answered InternalErrorException (500) to the SDK, and is not there afterwards", async () => {
    let full = false;
    const files: DataFiles = {
      ...nodeFiles,
      async append(path) {
        const file = await nodeFiles.append(path);
        return { ...file, write: (data) => (full ? Promise.reject(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" })) : file.write(data)) };
      },
    };
    const server = await startServer({ port: 0, dataDir: newDir(), dataFiles: files, log: () => {} });
    const client = new CognitoIdentityClient({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" }, maxAttempts: 1 });
    full = true;
    await expect(client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "lost", AllowUnauthenticatedIdentities: true }))).rejects.toMatchObject({
      name: "InternalErrorException",
      $metadata: { httpStatusCode: 500 },
    });
    // The call history says what the client got.
    expect(server.service.testing.history.list({ operation: "CreateIdentityPool" }).map((c) => c.outcome)).toEqual([
      { ok: false, error: { type: "InternalErrorException", message: expect.any(String) } },
    ]);
    full = false;
    expect((await client.send(new ListIdentityPoolsCommand({ MaxResults: 10 }))).IdentityPools).toEqual([]);
    // An STS change undone is answered in STS's own protocol (XML), which its SDK reads.
    const pool = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "basic", AllowUnauthenticatedIdentities: true, AllowClassicFlow: true }));
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
    const { Token } = await client.send(new GetOpenIdTokenCommand({ IdentityId }));
    const sts = new STSClient({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" }, maxAttempts: 1 });
    full = true;
    await expect(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: "arn:aws:iam::123456789012:role/web", RoleSessionName: "web", WebIdentityToken: Token }))).rejects.toMatchObject({
      name: "InternalErrorException",
      $metadata: { httpStatusCode: 500 },
    });
    full = false;
    await server.close();
  });

  it("PERSIST-1: a new directory starts from the init file; an existing one keeps its state, and the file applies on reset", async () => {
    const dir = newDir();
    const init = { pools: [{ IdentityPoolName: "from-init", AllowUnauthenticatedIdentities: true }] };
    const first = await reopen(dir, { init, account: "123456789012" });
    expect(first.data.recovery.fresh).toBe(true);
    await send(first.service, first.data, "CreateIdentityPool", { IdentityPoolName: "added", AllowUnauthenticatedIdentities: true });
    await first.data.close();
    const second = await reopen(dir, { init, account: "123456789012" });
    const names = async () => ((await send(second.service, second.data, "ListIdentityPools", { MaxResults: 10 })).body.IdentityPools as { IdentityPoolName: string }[]).map((p) => p.IdentityPoolName);
    expect(await names()).toEqual(["from-init", "added"]);
    second.service.reset();
    expect(await names()).toEqual(["from-init"]);
    await second.data.close();
  });
});
