// PERSIST-1: `serve --data-dir` under concurrent load, killed with SIGKILL at random points and
// started again, keeps every acknowledged pool, tag and identity, and never gives an id twice.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { awsHeaders } from "../raw.js";
import { spawnServe } from "../serve-process.js";

const CLIENTS = 16;
const ROUNDS = 4;

async function call(url: string, op: string, input: unknown): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  try {
    const answer = await fetch(url, { method: "POST", headers: awsHeaders(op) as Record<string, string>, body: JSON.stringify(input) });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  } catch {
    return undefined; // The server was killed before it answered: nothing was acknowledged.
  }
}

interface Acknowledged {
  pools: Map<string, string>;
  tags: Map<string, string>;
  identities: Map<string, string>;
}

/** One client: pools, a tag on each, an identity in each, recording what was answered 200. */
async function client(url: string, name: string, acked: Acknowledged, stop: { stopped: boolean }): Promise<void> {
  for (let i = 0; !stop.stopped; i++) {
    const created = await call(url, "CreateIdentityPool", { IdentityPoolName: `${name}_${i}`, AllowUnauthenticatedIdentities: true });
    if (created?.status !== 200) return;
    const id = created.body.IdentityPoolId as string;
    expect(acked.pools.has(id), `pool id ${id} given twice`).toBe(false);
    acked.pools.set(id, `${name}_${i}`);
    const arn = `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${id}`;
    const tagged = await call(url, "TagResource", { ResourceArn: arn, Tags: { client: `${name}_${i}` } });
    if (tagged?.status !== 200) return;
    acked.tags.set(id, `${name}_${i}`);
    const got = await call(url, "GetId", { IdentityPoolId: id, AccountId: "123456789012" });
    if (got?.status !== 200) return;
    const identity = got.body.IdentityId as string;
    expect(acked.identities.has(identity), `identity id ${identity} given twice`).toBe(false);
    acked.identities.set(identity, id);
  }
}

async function pools(url: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await call(url, "ListIdentityPools", { MaxResults: 60, ...(NextToken ? { NextToken } : {}) });
    for (const pool of page!.body.IdentityPools as { IdentityPoolId: string; IdentityPoolName: string }[]) found.set(pool.IdentityPoolId, pool.IdentityPoolName);
    NextToken = page!.body.NextToken as string | undefined;
  } while (NextToken);
  return found;
}

describe.each(["fsync", "write"])("serve --data-dir --durability %s killed and started again", (durability) => {
  it(
    "PERSIST-1, PERSIST-2: SIGKILL at random points under 16 concurrent clients loses no acknowledged pool, tag or identity, and gives no id twice",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "cim-kill-"));
      const acked: Acknowledged = { pools: new Map(), tags: new Map(), identities: new Map() };
      for (let round = 0; round < ROUNDS; round++) {
        const serve = spawnServe(["--port", "0", "--data-dir", dir, "--durability", durability]);
        const url = await serve.url;
        // Everything acknowledged so far, in any earlier life of the server, is there.
        const present = await pools(url);
        for (const [id, name] of acked.pools) expect(present.get(id), `pool ${id} (${name}) after round ${round}`).toBe(name);
        for (const [id, value] of acked.tags) {
          const arn = `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${id}`;
          expect((await call(url, "ListTagsForResource", { ResourceArn: arn }))!.body.Tags).toMatchObject({ client: value });
        }
        for (const [identity, pool] of acked.identities) {
          const described = await call(url, "DescribeIdentity", { IdentityId: identity });
          expect(described?.status, `identity ${identity} of ${pool}`).toBe(200);
        }
        const stop = { stopped: false };
        const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(url, `r${round}c${c}`, acked, stop)));
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 900)));
        serve.child.kill("SIGKILL");
        await serve.exited;
        stop.stopped = true;
        await load;
      }
      const serve = spawnServe(["--port", "0", "--data-dir", dir]);
      const url = await serve.url;
      const present = await pools(url);
      for (const [id, name] of acked.pools) expect(present.get(id)).toBe(name);
      expect(acked.pools.size).toBeGreaterThan(ROUNDS * CLIENTS);
      serve.child.kill("SIGTERM");
      expect(await serve.exited).toBe(0);
    },
    120_000,
  );
});
