// CORS, so browser apps (Amplify) can call the server (WIRE-17).
import type { IncomingMessage, ServerResponse } from "node:http";

/** On every response, as AWS sends them (research notes 1.3). */
export const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date",
} as const;

const DEFAULT_ALLOWED_HEADERS =
  "authorization,content-type,x-amz-target,x-amz-date,x-amz-security-token,x-amz-user-agent,x-amz-content-sha256,amz-sdk-invocation-id,amz-sdk-request";

/** Answers a preflight `OPTIONS`: any origin, the methods the server serves, the headers asked for. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const asked = req.headers["access-control-request-headers"];
  res.writeHead(204, {
    ...CORS_HEADERS,
    "access-control-allow-methods": "POST, GET, PUT, OPTIONS",
    "access-control-allow-headers": typeof asked === "string" && asked.trim() !== "" ? asked : DEFAULT_ALLOWED_HEADERS,
    "access-control-max-age": "86400",
    "content-length": "0",
  });
  res.end();
}
