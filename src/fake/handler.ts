// The in-process transport: an SDK `requestHandler` that answers from the service, no socket.
// The SDK's serialization, signing, retries and error parsing all run as they do over HTTP.
import { Readable } from "node:stream";
import { HttpResponse, type HttpHandler, type HttpRequest } from "@smithy/protocol-http";
import type { HttpHandlerOptions } from "@smithy/types";
import type { Service } from "./service.js";
import { transportError } from "./faults.js";

async function bodyBytes(body: unknown): Promise<Uint8Array | string> {
  if (body === undefined || body === null) return "";
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof Readable || (typeof body === "object" && Symbol.asyncIterator in body)) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return String(body);
}

function targetOf(request: HttpRequest): string {
  const path = request.path || "/";
  const query = request.query ?? {};
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      parts.push(v === null || v === undefined ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(v)}`);
    }
  }
  return parts.length === 0 ? path : `${path}?${parts.join("&")}`;
}

const abortError = () => Object.assign(new Error("Request aborted"), { name: "AbortError" });

export class FakeRequestHandler implements HttpHandler<Record<string, never>> {
  readonly metadata = { handlerProtocol: "http/1.1" };

  constructor(private readonly service: Service) {}

  async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
    if (options?.abortSignal?.aborted) throw abortError();
    const headers: Record<string, string> = {};
    for (const name in request.headers) {
      const value = request.headers[name];
      if (value !== undefined) headers[name.toLowerCase()] = value;
    }
    // The Host the request is addressed to, as an HTTP client would send it (WIRE-24 reads it).
    if (headers.host === undefined && request.hostname) headers.host = request.port ? `${request.hostname}:${request.port}` : request.hostname;
    const raw: unknown = request.body;
    // The SDK's JSON bodies are strings or bytes: no need to wait for them.
    const body = typeof raw === "string" || raw instanceof Uint8Array ? raw : await bodyBytes(raw);
    const pending = this.service.respond({ method: request.method, path: targetOf(request), headers, body });
    const answer = pending instanceof Promise ? await pending : pending;
    if (answer.cut) throw transportError(answer.cut);
    const bytes = Buffer.from(answer.body);
    const responseHeaders: Record<string, string> = { "content-length": String(bytes.byteLength) };
    for (const name in answer.headers) responseHeaders[name.toLowerCase()] = answer.headers[name]!;
    return { response: new HttpResponse({ statusCode: answer.status, headers: responseHeaders, body: bytes }) };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
