// WIRE-36: large bodies are parsed and checked in a worker thread, so that one client sending them
// does not hold the event loop for everyone else. Only a refusal comes back; the service then
// answers it after the checks that come before the body (WIRE-3 order), exactly as it would have.
// Where the worker cannot run (its module cannot be loaded, as under a test runner's transform),
// bodies are checked in the service as before.
import { Worker } from "node:worker_threads";
import type { BodyVerdict } from "./body-check.js";
import { joinChunks } from "./body.js";

/** Bodies at least this large go to the worker. */
export const LARGE_BODY_BYTES = 64 * 1024;

export interface CheckedBody {
  verdict: BodyVerdict;
  /** The body, when it got past the checks (a refused one stays with the worker: nothing reads it again). */
  body: Buffer;
  /** The worker died with the body: nothing is left to answer from. */
  lost?: true;
}

export class BodyChecker {
  #worker: Worker | undefined;
  #failed = false;
  #next = 0;
  readonly #waiting = new Map<number, (answer: CheckedBody) => void>();

  #start(): Worker | undefined {
    if (this.#failed) return undefined;
    if (this.#worker) return this.#worker;
    try {
      // Beside this module: body-worker.js once built; run from source (tests, `tsx`), the worker
      // registers tsx's loader itself, since loader hooks do not reach worker threads here.
      const own = new URL(import.meta.url);
      const fromSource = own.pathname.endsWith(".ts");
      const entry = new URL(`./body-worker${fromSource ? ".ts" : ".js"}`, own);
      const worker = fromSource
        ? new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true })
        : new Worker(entry);
      worker.unref();
      worker.on("message", ({ id, verdict, body }: { id: number; verdict: BodyVerdict; body?: Uint8Array }) => {
        this.#waiting.get(id)?.({ verdict, body: body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : Buffer.alloc(0) });
        this.#waiting.delete(id);
      });
      worker.on("error", () => this.#fail());
      worker.on("exit", () => this.#fail());
      this.#worker = worker;
      return worker;
    } catch {
      this.#fail();
      return undefined;
    }
  }

  /**
   * The worker is gone: whatever waits is answered "no verdict", and the service checks it itself.
   * (A body moved to a worker that died is lost with it: that request is answered as a fault.)
   */
  #fail(): void {
    this.#failed = true;
    this.#worker = undefined;
    for (const resolve of this.#waiting.values()) resolve({ verdict: {}, body: Buffer.alloc(0), lost: true });
    this.#waiting.clear();
  }

  /**
   * The verdict on a body given as the chunks it arrived in, from the worker, and the body joined:
   * the chunks are moved to the worker rather than copied, so the caller must not use them again.
   * A refused body comes back only with `returnBody` (empty otherwise).
   */
  check(op: string, chunks: readonly Buffer[], options: { returnBody?: boolean } = {}): Promise<CheckedBody> {
    const worker = this.#start();
    if (!worker) return Promise.resolve({ verdict: {}, body: joinChunks(chunks) });
    const id = this.#next++;
    // A chunk in a buffer of its own is moved; one sharing Node's pool is copied.
    const sent = chunks.map((chunk) => (chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : Buffer.from(chunk)));
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      worker.postMessage({ id, op, chunks: sent, returnBody: options.returnBody ?? false }, sent.map((chunk) => chunk.buffer as ArrayBuffer));
    });
  }

  /** Whether a worker is running (false before the first large body, and where it cannot run). */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#fail();
    await worker?.terminate();
  }
}
