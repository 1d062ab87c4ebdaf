// A raw HTTP/1.1 client for the server tests: the request goes out byte for byte, the answer comes
// back with its header names as the server spelled them.
import { connect } from "node:net";

export interface RawAnswer {
  status: number;
  /** Header lines in order, names as sent. */
  headerLines: [string, string][];
  /** Lowercase name -> value. */
  headers: Record<string, string>;
  body: string;
  /** Whether the server closed the connection after answering. */
  closed: boolean;
}

export interface RawRequestOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
}

export const SIGNED = {
  "x-amz-date": "20240101T000000Z",
  authorization:
    "AWS4-HMAC-SHA256 Credential=123456789012/20240101/us-east-1/cognito-identity/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000",
};

/** Headers of a signed AWS JSON request for `op` (verification is off in these tests). */
export const awsHeaders = (op: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
  "Content-Type": "application/x-amz-json-1.1",
  "X-Amz-Target": `AWSCognitoIdentityService.${op}`,
  "X-Amz-Date": SIGNED["x-amz-date"],
  Authorization: SIGNED.authorization,
  ...extra,
});

/** A chunked body's bytes once its last chunk has arrived; undefined before. */
function dechunk(bytes: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf("\r\n", at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(bytes.toString("latin1", at, lineEnd), 16);
    if (size === 0) return bytes.indexOf("\r\n", lineEnd + 2) < 0 ? undefined : Buffer.concat(parts);
    if (bytes.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

function parse(bytes: Buffer, closed: boolean): RawAnswer | undefined {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const [statusLine, ...lines] = bytes.toString("latin1", 0, end).split("\r\n");
  const headerLines = lines.map((line) => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon), line.slice(colon + 1).trim()] as [string, string];
  });
  const headers = Object.fromEntries(headerLines.map(([k, v]) => [k.toLowerCase(), v]));
  const status = Number(statusLine!.split(" ")[1]);
  if (headers["transfer-encoding"] === "chunked") {
    const body = dechunk(bytes.subarray(end + 4));
    return body === undefined ? undefined : { status, headerLines, headers, body: body.toString("utf8"), closed };
  }
  const length = headers["content-length"] === undefined ? undefined : Number(headers["content-length"]);
  const bodyBytes = bytes.subarray(end + 4);
  if (length !== undefined && bodyBytes.length < length) return undefined;
  if (length === undefined && !closed) return undefined;
  return {
    status,
    headerLines,
    headers,
    body: bodyBytes.subarray(0, length ?? bodyBytes.length).toString("utf8"),
    closed,
  };
}

/** Sends raw bytes and resolves with the first answer (or what arrived when the server closed). */
export function sendRaw(url: string, bytes: Buffer | string, timeoutMs = 10_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    let done = false;
    const socket = connect(Number(port), hostname);
    const timer = setTimeout(() => finish(new Error("no answer in time")), timeoutMs);
    const finish = (error?: Error, answer?: RawAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (answer) resolve(answer);
      else reject(error ?? new Error("connection closed without an answer"));
    };
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const answer = parse(buffer, false);
      // Wait a moment for a close that follows the answer, so `closed` can be reported.
      if (answer) setTimeout(() => finish(undefined, { ...answer, closed: socket.readableEnded || socket.destroyed }), answer.headers["connection"] === "close" ? 50 : 0);
    });
    socket.on("end", () => {
      const answer = parse(buffer, true);
      if (answer) finish(undefined, { ...answer, closed: true });
      else finish();
    });
    socket.on("error", (error) => {
      const answer = parse(buffer, true);
      if (answer) finish(undefined, { ...answer, closed: true });
      else finish(error);
    });
    socket.write(bytes);
  });
}

/** Builds and sends one HTTP/1.1 request. `Host` and `Content-Length` are added unless given. */
export function request(url: string, options: RawRequestOptions = {}): Promise<RawAnswer> {
  const { host } = new URL(url);
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
  const headers: Record<string, string | undefined> = { Host: host, "Content-Length": String(body.length), ...options.headers };
  const head = [`${options.method ?? "POST"} ${options.path ?? "/"} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) head.push(`${name}: ${value}`);
  return sendRaw(url, Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"), body]));
}

/** An AWS JSON call: signed headers, JSON body. */
export const call = (url: string, op: string, input: unknown, extra: Record<string, string | undefined> = {}) =>
  request(url, { headers: awsHeaders(op, extra), body: typeof input === "string" ? input : JSON.stringify(input) });
