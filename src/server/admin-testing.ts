// The admin routes of injected faults and the call history (spec/testing.md FAULT-8, HIST-6):
// /_model/faults and /_model/calls, behind the same guard as every admin route (WIRE-25, WIRE-26).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Service } from "../fake/service.js";
import { checkFaultSpec, type FaultInfo, type FaultSpec } from "../fake/faults.js";
import { filterOfQuery } from "../fake/history.js";
import { serializeOutput } from "../protocol/json.js";

export const FAULTS_ROUTE = "/_model/faults";
export const CALLS_ROUTE = "/_model/calls";

export const testingRoutes: Record<string, Record<string, true>> = {
  [FAULTS_ROUTE]: { GET: true, POST: true, DELETE: true },
  [CALLS_ROUTE]: { GET: true, DELETE: true },
};

export interface AdminReplies {
  sendJson(res: ServerResponse, status: number, value: unknown): void;
  sendJsonText(res: ServerResponse, status: number, body: string): void;
  readJson(req: IncomingMessage, res: ServerResponse, then: (value: unknown) => void): void;
}

/** Answers a request to one of `testingRoutes` (its method already checked). */
export function handleTestingAdmin(req: IncomingMessage, res: ServerResponse, path: string, service: Service, replies: AdminReplies): void {
  const { faults, history } = service.testing;
  const method = req.method ?? "GET";
  if (method === "POST") {
    // FAULT-8: one fault or a list; a refused one adds none of them.
    replies.readJson(req, res, (body) => {
      const specs = Array.isArray(body) ? body : [body];
      const checked: FaultSpec[] = [];
      for (const [i, spec] of specs.entries()) {
        const result = checkFaultSpec(spec, false);
        if (!result.ok) {
          replies.sendJson(res, 400, { error: `${Array.isArray(body) ? `fault ${i}: ` : ""}${result.reason}` });
          return;
        }
        checked.push(result.spec);
      }
      const added: FaultInfo[] = checked.map((spec) => faults.add(spec, false));
      replies.sendJson(res, 200, Array.isArray(body) ? { faults: added } : added[0]);
    });
    return;
  }
  req.resume();
  if (path === FAULTS_ROUTE && method === "GET") replies.sendJson(res, 200, { faults: faults.list() });
  else if (path === FAULTS_ROUTE) {
    faults.clear();
    replies.sendJson(res, 200, { status: "cleared" });
  } else if (method === "GET") {
    // HIST-6: the history, filtered by the query string; dates as epoch seconds (WIRE-8).
    const filter = filterOfQuery(new URL(req.url ?? "/", "http://localhost").searchParams);
    if (!filter.ok) replies.sendJson(res, 400, { error: filter.reason });
    else replies.sendJsonText(res, 200, serializeOutput({ calls: history.list(filter.filter) }));
  } else {
    history.clear();
    replies.sendJson(res, 200, { status: "cleared" });
  }
}
