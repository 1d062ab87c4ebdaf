// Admin routes outside the AWS protocol, under /_model/ (spec/protocol.md WIRE-18).
import type { IncomingMessage, ServerResponse } from "node:http";
import { operationNames } from "../model/index.js";
import type { Service } from "../fake/service.js";
import { CORS_HEADERS } from "./cors.js";
import { readBody } from "./body.js";

export const ADMIN_PREFIX = "/_model";

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    ...CORS_HEADERS,
    ...extra,
  });
  res.end(body);
}

const routes: Record<string, Record<string, true>> = {
  "/_model/health": { GET: true },
  "/_model/reset": { POST: true },
  "/_model/state": { GET: true, PUT: true },
};

export function isAdminPath(path: string): boolean {
  return path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
}

export function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, service: Service, maxStateBytes: number): void {
  const methods = routes[path];
  const method = req.method ?? "GET";
  if (!methods) {
    req.resume();
    sendJson(res, 404, { error: `no admin route ${path}; routes: ${Object.keys(routes).join(", ")}` });
    return;
  }
  if (!methods[method]) {
    req.resume();
    sendJson(res, 405, { error: `${method} is not allowed on ${path}` }, { allow: Object.keys(methods).join(", ") });
    return;
  }
  if (path === "/_model/health") {
    req.resume();
    sendJson(res, 200, { status: "ok", operations: operationNames });
  } else if (path === "/_model/reset") {
    req.resume();
    service.reset();
    sendJson(res, 200, { status: "reset" });
  } else if (method === "GET") {
    req.resume();
    sendJson(res, 200, service.snapshot());
  } else {
    readBody(
      req,
      maxStateBytes,
      (body) => {
        let snapshot: unknown;
        try {
          snapshot = JSON.parse(body.toString("utf8"));
        } catch {
          sendJson(res, 400, { error: "the body is not JSON" });
          return;
        }
        const restored = service.restore(snapshot);
        if (restored.ok) sendJson(res, 200, { status: "restored" });
        else sendJson(res, 400, { error: restored.reason });
      },
      () => sendJson(res, 413, { error: `a state snapshot may be at most ${maxStateBytes} bytes` }, { connection: "close" }),
    );
  }
}
