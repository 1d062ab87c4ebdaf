// Admin routes outside the AWS protocol, under /_model/ (spec/protocol.md WIRE-18).
import type { IncomingMessage, ServerResponse } from "node:http";
import { jsonChunks, operationNames } from "../model/index.js";
import { InitError, type Service } from "../fake/service.js";
import { serializeOutput } from "../protocol/json.js";
import { joinChunks, readBody } from "./body.js";
import { handleTestingAdmin, testingRoutes } from "./admin-testing.js";
import { sendJson as sendJsonWithCors, sendJsonChunks, sendJsonText as sendJsonTextWithCors } from "./http.js";

// WIRE-25: no CORS headers on admin answers, so no web page of another origin can read them.
const sendJson = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) => sendJsonWithCors(res, status, value, extra, false);
const sendJsonText = (res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}) => sendJsonTextWithCors(res, status, body, extra, false);

export const ADMIN_PREFIX = "/_model";

const CREDENTIALS_PREFIX = "/_model/credentials/";
const CREDENTIALS_ROUTE = `${CREDENTIALS_PREFIX}<AccessKeyId>`;

const routes: Record<string, Record<string, true>> = {
  "/_model/health": { GET: true },
  "/_model/reset": { POST: true },
  "/_model/state": { GET: true, PUT: true },
  "/_model/export": { GET: true },
  "/_model/iam/roles": { GET: true, PUT: true },
  [CREDENTIALS_ROUTE]: { GET: true },
  ...testingRoutes,
};

/** The access key id of a `/_model/credentials/<AccessKeyId>` path: one non-empty segment, percent-decoded. */
function accessKeyIdOf(path: string): string | undefined {
  if (!path.startsWith(CREDENTIALS_PREFIX)) return undefined;
  const segment = path.slice(CREDENTIALS_PREFIX.length);
  if (segment === "" || segment.includes("/")) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function isAdminPath(path: string): boolean {
  return path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
}

export function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  service: Service,
  maxStateBytes: number,
  access: { tokenChecked: boolean; settled?: () => Promise<boolean> | undefined } = { tokenChecked: false },
): void {
  // PERSIST-1: a change's answer is sent once it is durable; one that could not be made so was undone.
  const afterChange = (send: () => void) => {
    const settled = access.settled?.();
    if (!settled) return send();
    void settled.then((durable) => (durable ? send() : sendJson(res, 500, { error: "the change could not be written to the data directory, and was undone (see the server's log)" })));
  };
  const accessKeyId = accessKeyIdOf(path);
  const route = accessKeyId === undefined ? path : CREDENTIALS_ROUTE;
  const methods = Object.prototype.hasOwnProperty.call(routes, route) ? routes[route] : undefined;
  const method = req.method ?? "GET";
  if (!methods) {
    req.resume();
    sendJson(res, 404, { error: `no admin route ${path}; routes: ${Object.keys(routes).join(", ")}` });
    return;
  }
  if (!methods[method]) {
    req.resume();
    sendJson(res, 405, { error: `${method} is not allowed on ${route}` }, { allow: Object.keys(methods).join(", ") });
    return;
  }
  if (Object.prototype.hasOwnProperty.call(testingRoutes, route)) {
    // FAULT-8, HIST-6 (src/server/admin-testing.ts).
    handleTestingAdmin(req, res, path, service, { sendJson, sendJsonText, readJson: (req, res, then) => readJson(req, res, maxStateBytes, then) });
  } else if (accessKeyId !== undefined) {
    req.resume();
    // WIRE-23: expiration in epoch seconds, as a Date is written on the AWS protocol (WIRE-8).
    const described = service.describeCredentials(accessKeyId);
    if (described) sendJsonText(res, 200, serializeOutput(described));
    else sendJson(res, 404, { error: `no credentials with AccessKeyId '${accessKeyId}': this service did not issue them, or its state was reset or restored since` });
  } else if (path === "/_model/health") {
    req.resume();
    sendJson(res, 200, { status: "ok", operations: operationNames });
  } else if (path === "/_model/reset") {
    req.resume();
    // ID-9: `?seed=N` starts that seed's ids afresh; without it, a new generation of ids.
    const asked = new URL(req.url ?? "/", "http://localhost").searchParams.get("seed");
    if (asked !== null && (!/^-?\d{1,10}$/.test(asked) || Number(asked) < -(2 ** 31) || Number(asked) > 2 ** 32 - 1)) {
      sendJson(res, 400, { error: `seed must be an integer from -2147483648 to 4294967295, got '${asked}'` });
      return;
    }
    try {
      service.reset(asked === null ? {} : { seed: Number(asked) });
    } catch (error) {
      // INIT-4: the init file no longer applies; nothing changed.
      if (!(error instanceof InitError)) throw error;
      sendJson(res, 409, { error: error.message });
      return;
    }
    afterChange(() => sendJson(res, 200, { status: "reset", seed: service.seed }));
  } else if (path === "/_model/export") {
    req.resume();
    // INIT-5: the state as an init file, which serve --init starts from.
    sendJsonText(res, 200, `${JSON.stringify(service.export(), null, 2)}\n`);
  } else if (path === "/_model/iam/roles" && method === "GET") {
    req.resume();
    sendJson(res, 200, service.iamRoles());
  } else if (path === "/_model/iam/roles") {
    // IAM-7: the body is what `aws iam list-roles` prints; a refused body changes nothing.
    readJson(req, res, maxStateBytes, (roles) => {
      const replaced = service.setIamRoles(roles);
      if (replaced.ok) afterChange(() => sendJson(res, 200, { status: "replaced", roles: service.iamRoles().Roles.length }));
      else sendJson(res, 400, { error: replaced.reason });
    });
  } else if (method === "GET") {
    req.resume();
    // WIRE-19: private keys only when asked for, and only behind the admin token (WIRE-26).
    const wantsKeys = /[?&]privateKeys=true(&|$)/.test(req.url ?? "");
    if (wantsKeys && !access.tokenChecked) {
      sendJson(res, 403, { error: "the private signing key is served only with an admin token (serve --admin-token)" });
      return;
    }
    // WIRE-30: streamed from the state as it is now, at the pace the client reads.
    sendJsonChunks(res, 200, jsonChunks(service.snapshotView({ includePrivateKeys: wantsKeys })), {}, false);
  } else {
    readJson(req, res, maxStateBytes, (snapshot) => {
      const restored = service.restore(snapshot);
      if (restored.ok) afterChange(() => sendJson(res, 200, { status: "restored" }));
      else sendJson(res, 400, { error: restored.reason });
    });
  }
}

/** A JSON body of at most `maxBytes`; a 400 or 413 answer otherwise. */
function readJson(req: IncomingMessage, res: ServerResponse, maxBytes: number, then: (value: unknown) => void): void {
  readBody(
    req,
    maxBytes,
    (chunks) => {
      let value: unknown;
      try {
        value = JSON.parse(joinChunks(chunks).toString("utf8"));
      } catch {
        sendJson(res, 400, { error: "the body is not JSON" });
        return;
      }
      then(value);
    },
    () => sendJson(res, 413, { error: `the body may be at most ${maxBytes} bytes` }, { connection: "close" }),
  );
}
