// Small pieces shared by the routes outside the AWS protocol (admin, discovery) and the server.
import type { ServerResponse } from "node:http";
import { CORS_HEADERS } from "./cors.js";

/** A JSON answer (`application/json`), with the CORS headers of WIRE-17 unless `cors` is false (admin routes, WIRE-25). */
export function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}, cors = true): void {
  sendJsonText(res, status, JSON.stringify(value), extra, cors);
}

export function sendJsonText(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}, cors = true): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    ...(cors ? CORS_HEADERS : {}),
    ...extra,
  });
  res.end(body);
}

/** About this many characters go to the socket at a time. */
const CHUNK_CHARS = 64 * 1024;

/**
 * WIRE-30: a JSON answer as `chunks` yields it, written no faster than the client reads: the next
 * pieces are made only after `write` accepted the last ones or the socket drained. Chunked
 * transfer encoding, as the length is not known before the end.
 */
export function sendJsonChunks(res: ServerResponse, status: number, chunks: Iterator<string>, extra: Record<string, string> = {}, cors = true): void {
  res.writeHead(status, { "content-type": "application/json", ...(cors ? CORS_HEADERS : {}), ...extra });
  const pump = () => {
    try {
      let pending = "";
      while (!res.destroyed) {
        const next = chunks.next();
        if (next.done) {
          res.end(pending);
          return;
        }
        pending += next.value;
        if (pending.length >= CHUNK_CHARS) {
          const more = res.write(pending);
          pending = "";
          if (!more) {
            res.once("drain", pump);
            return;
          }
        }
      }
    } catch (error) {
      // Headers are out: the only way left to say the answer is broken is to cut it.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  };
  pump();
}

/** `http://host:port`, an IPv6 address in brackets. */
export function formatUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
