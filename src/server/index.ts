// The HTTP server: AWS JSON 1.1 on POST /, admin routes under /_model/, OpenID keys under
// /.well-known/, CORS, a body limit.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Service, type ServiceOptions } from "../fake/service.js";
import { protocolErrors } from "../protocol/errors.js";
import type { WireResponse } from "../protocol/wire.js";
import { handleAdmin, isAdminPath } from "./admin.js";
import { joinChunks, readBody } from "./body.js";
import { handleWellKnown, isWellKnownPath } from "./well-known.js";
import { answerPreflight, CORS_HEADERS } from "./cors.js";
import { formatUrl, sendJson } from "./http.js";
import { adminRefusal } from "./admin-guard.js";
import type { BodyVerdict } from "./body-check.js";
import { BodyChecker, LARGE_BODY_BYTES } from "./body-checker.js";
import { DataDir, type Durability } from "./persistence/data-dir.js";
import type { DataFiles } from "./persistence/files.js";

export interface ServerOptions extends ServiceOptions {
  /** Default 0: a free port. The CLI defaults to 4568. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** One line per request on `log`. */
  logRequests?: boolean;
  /** Largest body of PUT /_model/state. Default 64 MiB. */
  maxStateBytes?: number;
  /** Serve an existing service (e.g. `createFake().service`) instead of a new one. */
  service?: Service;
  /** WIRE-26: every admin route requires `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** WIRE-25: host names admin requests may be addressed to, beyond IP addresses and `localhost`. */
  allowedHosts?: readonly string[];
  /** PERSIST-1: keep the state in this directory: journaled before each answer, restored at start. */
  dataDir?: string;
  /** PERSIST-2: how durable an answered change is. Default "fsync". */
  durability?: Durability;
  /** PERSIST-2: with "write" durability, the longest time between fsyncs. Default 1000 ms. */
  fsyncIntervalMs?: number;
  /** PERSIST-6: journal segment length before a snapshot. Default 64 MiB. */
  segmentBytes?: number;
  /** The data directory's file operations (tests give failing ones). Default: the file system's. */
  dataFiles?: DataFiles;
}

export interface RunningServer {
  /** `http://HOST:PORT` */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly service: Service;
  readonly server: Server;
  /** With `dataDir`: the open data directory, and what start-up found in it. */
  readonly dataDir?: DataDir;
  /** Stops accepting, lets requests in flight finish (at most `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

const DEFAULT_MAX_STATE_BYTES = 64 * 1024 * 1024;

function send(res: ServerResponse, answer: WireResponse, extra?: Record<string, string>): void {
  // A flat [name, value, ...] list: the cheapest form writeHead takes.
  const headers: string[] = [];
  for (const name in answer.headers) if (name !== "Date") headers.push(name, answer.headers[name]!);
  headers.push(
    "access-control-allow-origin",
    CORS_HEADERS["access-control-allow-origin"],
    "access-control-expose-headers",
    CORS_HEADERS["access-control-expose-headers"],
    "Content-Length",
    String(Buffer.byteLength(answer.body)),
  );
  // WIRE-35: the service's time, where Node would have put its own.
  if (answer.headers.Date !== undefined) headers.push("Date", answer.headers.Date);
  if (extra) for (const name in extra) headers.push(name, extra[name]!);
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** While `closing` is set, answers end their connection, so a graceful close does not wait on idle keep-alives. */
export interface ListenerState {
  closing: boolean;
  /** WIRE-36: checks large bodies apart from the event loop; absent, the service checks every body. */
  bodies?: BodyChecker;
  /** PERSIST-1: answers wait until the changes before them are durable. */
  data?: DataDir;
}

const COGNITO_TARGET_PREFIX = "AWSCognitoIdentityService.";

export function createRequestListener(service: Service, options: ServerOptions = {}, state: ListenerState = { closing: false }) {
  const log = options.log ?? ((line: string) => console.error(line));
  const maxStateBytes = options.maxStateBytes ?? DEFAULT_MAX_STATE_BYTES;
  const logLine = (req: IncomingMessage, answer: WireResponse | undefined, status: number, started: number) => {
    const target = req.headers["x-amz-target"] ?? "-";
    const type = answer?.headers["x-amzn-ErrorType"]?.slice(0, -1);
    log(`${req.method} ${req.url} ${target} -> ${status}${type ? ` ${type}` : ""} (${(performance.now() - started).toFixed(1)} ms)`);
  };

  /** Whatever goes wrong while answering is a 500 (or a closed socket), never an uncaught exception. */
  const fault = (res: ServerResponse, error: unknown) => {
    log(`cognito-identity-model: internal error in the server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    try {
      if (!res.headersSent) send(res, service.refuse(protocolErrors.internalError()));
      else res.destroy();
    } catch {
      res.destroy();
    }
  };

  return function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = options.logRequests ? performance.now() : 0;
    const logWhenSent = () => {
      if (options.logRequests) res.once("finish", () => logLine(req, undefined, res.statusCode, started));
    };
    const reply = (answer: WireResponse) => {
      // PERSIST-1: nothing is answered before the changes it may reflect are durable; a change that
      // could not be made so was undone, and its answer is a fault (PERSIST-9).
      const settled = state.data?.settled();
      if (settled) settled.then((durable) => answerNow(durable ? answer : service.undone(answer)), (error: unknown) => fault(res, error));
      else answerNow(answer);
    };
    const answerNow = (answer: WireResponse) => {
      // FAULT-3: an injected drop closes the connection; an injected timeout leaves it unanswered.
      if (answer.cut) {
        if (answer.cut === "drop") req.socket.destroy();
        return;
      }
      try {
        send(res, answer, state.closing ? { connection: "close" } : undefined);
        if (options.logRequests) logLine(req, answer, answer.status, started);
      } catch (error) {
        fault(res, error);
      }
    };
    try {
      const path = req.url ?? "/";
      const queryAt = path.indexOf("?");
      const route = queryAt < 0 ? path : path.slice(0, queryAt);
      if (isAdminPath(route)) {
        // WIRE-25, WIRE-26: no preflight is granted, and only this machine's callers (with the token, when set) get in.
        const refused =
          req.method === "OPTIONS"
            ? { status: 403 as const, error: "admin routes grant no cross-origin requests", headers: undefined }
            : adminRefusal(req, { port: req.socket.localPort ?? 0, allowedHosts: options.allowedHosts, adminToken: options.adminToken, verifySignatures: options.verifySignatures });
        if (refused) {
          req.resume();
          sendJson(res, refused.status, { error: refused.error }, refused.headers ?? {}, false);
          if (options.logRequests) logLine(req, undefined, refused.status, started);
          return;
        }
        handleAdmin(req, res, route, service, maxStateBytes, { tokenChecked: options.adminToken !== undefined, settled: () => state.data?.settled() });
        logWhenSent();
        return;
      }
      if (req.method === "OPTIONS") {
        answerPreflight(req, res);
        logWhenSent();
        return;
      }
      if (isWellKnownPath(route)) {
        handleWellKnown(req, res, route, service);
        logWhenSent();
        return;
      }
      readBody(
        req,
        service.maxBodyBytes,
        (chunks, size) => {
          const respond = (verdict: BodyVerdict | undefined, body: Buffer) => {
            try {
              const answer = service.respond({ method: req.method ?? "GET", path, headers: req.headers, body }, verdict);
              if (answer instanceof Promise) answer.then(reply, (error: unknown) => fault(res, error));
              else reply(answer);
            } catch (error) {
              fault(res, error);
            }
          };
          const target = req.headers["x-amz-target"];
          if (state.bodies && size >= LARGE_BODY_BYTES && typeof target === "string" && target.startsWith(COGNITO_TARGET_PREFIX)) {
            // A signature is checked before the body (WIRE-3), over the body: then it must come back.
            const returnBody = service.verifiesSignatures && req.headers.authorization !== undefined;
            state.bodies.check(target.slice(COGNITO_TARGET_PREFIX.length), chunks, { returnBody }).then(
              (checked) => (checked.lost ? fault(res, new Error("the body checker stopped with the request's body")) : respond(checked.verdict, checked.body)),
              (error: unknown) => fault(res, error),
            );
          } else respond(undefined, joinChunks(chunks));
        },
        () => {
          try {
            const answer = service.refuse(protocolErrors.bodyTooLarge(service.maxBodyBytes));
            send(res, answer, { connection: "close" });
            if (options.logRequests) logLine(req, answer, answer.status, started);
          } catch (error) {
            fault(res, error);
          }
        },
      );
    } catch (error) {
      fault(res, error);
    }
  };
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const service = options.service ?? new Service(options);
  const state: ListenerState = { closing: false, bodies: new BodyChecker() };
  if (options.dataDir !== undefined) {
    state.data = await DataDir.open(options.dataDir, service, {
      durability: options.durability,
      fsyncIntervalMs: options.fsyncIntervalMs,
      segmentBytes: options.segmentBytes,
      ...(options.dataFiles ? { files: options.dataFiles } : {}),
      log: options.log,
    });
    // IAM-7: roles given at start replace those the directory held, as a change of their own.
    if (options.iamRoles !== undefined && !state.data.recovery.fresh) {
      service.setIamRoles(options.iamRoles);
      if ((await state.data.settled()) === false) throw new Error(`${options.dataDir}: the registered roles could not be journaled`);
    }
  }
  const server = createServer({ keepAlive: true }, createRequestListener(service, options, state));
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  const host = options.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      void state.data?.close();
      reject(error);
    };
    server.once("error", onError);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", onError);
      const port = (server.address() as AddressInfo).port;
      let closing: Promise<void> | undefined;
      resolve({
        url: formatUrl(host, port),
        port,
        host,
        service,
        server,
        ...(state.data ? { dataDir: state.data } : {}),
        close: (graceMs = 2000) =>
          (closing ??= new Promise<void>((done) => {
            state.closing = true;
            const force = setTimeout(() => server.closeAllConnections(), graceMs);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              void Promise.all([state.bodies?.close(), state.data?.close()]).finally(done);
            });
            server.closeIdleConnections();
          })),
      });
    });
  });
}
