// Remembers every resource created through a target and not deleted since, so a run (or the
// whole check, on failure or Ctrl-C) can remove them: a real account must end as it began.
// A creation whose answer never came (connection lost) may still have happened: such
// resources are found by name among those that were not there before the check.
import { harnessOf } from "../ops/index.js";
import { resourceKinds, type ResourceKind, type ResourceKindName } from "../resources.js";
import type { SendOptions, Target } from "../target.js";

export interface CleanupReport {
  removed: string[];
  failed: { id: string; reason: string }[];
}

export interface TrackingTarget extends Target {
  /** Target ids created and not yet deleted. */
  readonly live: ReadonlyMap<string, ResourceKindName>;
  /** Notes what the target holds before the check; returns how many resources that is. */
  recordBaseline(): Promise<number>;
  /** Waits for requests in flight, then deletes everything still live. */
  cleanup(): Promise<CleanupReport>;
}

export function trackResources(target: Target): TrackingTarget {
  const live = new Map<string, ResourceKindName>();
  const inFlight = new Set<Promise<unknown>>();
  const unanswered: { kind: ResourceKindName; name: string }[] = [];
  let baseline: Set<string> | undefined;

  const send = async (op: string, input: unknown, options?: SendOptions) => {
    const harness = harnessOf(op);
    const pending = target.send(op, input, options);
    inFlight.add(pending);
    try {
      const outcome = await pending;
      // Identities go with their pool: deleting the pool is their cleanup.
      if (outcome.ok && harness?.creates && !(resourceKinds[harness.creates.kind] as ResourceKind).ownedByPool) {
        const id = harness.creates.id(outcome.output);
        if (id !== undefined) live.set(id, harness.creates.kind);
      }
      if (outcome.ok && harness?.deletes) {
        const id = harness.deletes.id(input);
        if (id !== undefined) live.delete(id);
      }
      return outcome;
    } catch (error) {
      const name = harness?.creates ? resourceKinds[harness.creates.kind].nameOf(input) : undefined;
      if (harness?.creates && name !== undefined) unanswered.push({ kind: harness.creates.kind, name });
      throw error;
    } finally {
      inFlight.delete(pending);
    }
  };

  const remove = async (id: string, kind: ResourceKindName, report: CleanupReport) => {
    const removal = resourceKinds[kind].removal(id);
    try {
      const outcome = await send(removal.op, removal.input);
      if (outcome.ok || outcome.error.type === "ResourceNotFoundException") {
        live.delete(id);
        report.removed.push(id);
      } else report.failed.push({ id, reason: `${outcome.error.type}: ${outcome.error.message}` });
    } catch (error) {
      report.failed.push({ id, reason: error instanceof Error ? error.message : String(error) });
    }
  };

  const tracked: TrackingTarget = {
    name: target.name,
    account: target.account,
    region: target.region,
    revealsRegion: target.revealsRegion,
    live,
    send,
    async recordBaseline() {
      const all = await Promise.all(Object.values(resourceKinds).map((k) => k.listAll((op, input) => target.send(op, input))));
      baseline = new Set(all.flat().map((r) => r.id));
      return baseline.size;
    },
    async cleanup() {
      await Promise.allSettled([...inFlight]);
      const report: CleanupReport = { removed: [], failed: [] };
      for (const [id, kind] of [...live]) await remove(id, kind, report);
      if (unanswered.length > 0 && baseline) {
        for (const kind of new Set(unanswered.map((u) => u.kind))) {
          const names = new Set(unanswered.filter((u) => u.kind === kind).map((u) => u.name));
          try {
            const found = await resourceKinds[kind].listAll((op, input) => target.send(op, input));
            for (const r of found) if (!baseline.has(r.id) && names.has(r.name)) await remove(r.id, kind, report);
            unanswered.length = 0;
          } catch (error) {
            report.failed.push({ id: `unanswered ${kind} creations`, reason: error instanceof Error ? error.message : String(error) });
          }
        }
      }
      return report;
    },
  };
  if (target.close) tracked.close = () => target.close!();
  if (target.reset) tracked.reset = () => target.reset!();
  return tracked;
}
