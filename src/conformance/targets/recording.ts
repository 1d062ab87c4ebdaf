// A request handler that keeps the last exchange as sent and received: the raw view of a
// divergence, which shows what the SDK dropped or could not parse (a 500's HTML page, members no
// shape has).
import type { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import { Readable } from "node:stream";
import type { RawExchange } from "../target.js";


interface Handler {
  handle(request: HttpRequest, options?: unknown): Promise<{ response: HttpResponse }>;
}

/** At most this much of a body is kept. */
const MAX_BODY = 4096;

const cut = (text: string) => (text.length <= MAX_BODY ? text : `${text.slice(0, MAX_BODY)}…(${text.length} characters)`);

async function bytesOf(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body);
  // Not Buffer.from(body): it reads valueOf, which the SDK's byte adapters answer as a string.
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Left out: secrets, and what differs from one run to the next (dates, request ids, signatures' inputs). */
const LEFT_OUT = /^(authorization|x-amz-date|x-amz-security-token|date|x-amzn-requestid|x-amz-request-id|amz-sdk-invocation-id|amz-sdk-request|user-agent|x-amz-user-agent|server)$/i;

const headerLines = (headers: Record<string, string | undefined>) =>
  Object.entries(headers)
    .filter(([name]) => !LEFT_OUT.test(name))
    .map(([name, value]) => `${name}: ${value}`)
    .sort();

/** Wraps `inner`; `last` is the latest exchange. */
export class RecordingHandler {
  last: RawExchange | undefined;

  constructor(private readonly inner: Handler & { destroy?(): void }) {}

  async handle(request: HttpRequest, options?: unknown): Promise<{ response: HttpResponse }> {
    this.last = undefined;
    const query = request.query && Object.keys(request.query).length > 0 ? `?${new URLSearchParams(request.query as Record<string, string>)}` : "";
    const body = typeof request.body === "string" ? request.body : request.body instanceof Uint8Array ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength).toString("utf8") : "";
    const sent = [`${request.method} ${request.path}${query}`, ...headerLines(request.headers), "", cut(body)].join("\n");
    const { response } = await this.inner.handle(request, options);
    const received = await bytesOf(response.body);
    this.last = { request: sent, response: [`HTTP ${response.statusCode}`, ...headerLines(response.headers), "", cut(received.toString("utf8"))].join("\n") };
    response.body = Readable.from([received]);
    return { response };
  }

  destroy(): void {
    this.inner.destroy?.();
  }

  // The SDK configures its handler through these where the handler has them.
  updateHttpClientConfig(key: never, value: never): void {
    (this.inner as { updateHttpClientConfig?(k: never, v: never): void }).updateHttpClientConfig?.(key, value);
  }

  httpHandlerConfigs(): unknown {
    return (this.inner as { httpHandlerConfigs?(): unknown }).httpHandlerConfigs?.() ?? {};
  }
}

/** What a crash shows: the status, the content type and the start of the body the SDK could not read. */
export function crashDetail(raw: RawExchange | undefined): string | undefined {
  if (!raw) return undefined;
  const [head, ...rest] = raw.response.split("\n\n");
  const status = head!.split("\n")[0];
  const type = head!.split("\n").find((l) => /^content-type:/i.test(l))?.replace(/^content-type:\s*/i, "");
  const body = rest.join("\n\n").replace(/\s+/g, " ").trim().slice(0, 300);
  return `${status}${type ? `, ${type}` : ""}${body ? `: ${body}` : ""}`;
}
