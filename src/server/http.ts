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

/** `http://host:port`, an IPv6 address in brackets. */
export function formatUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
