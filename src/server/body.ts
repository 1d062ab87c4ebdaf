// Reading request bodies with a size limit (WIRE-16).
import type { IncomingMessage } from "node:http";

/** After refusing a body, at most this many further bytes are read and dropped before the socket is closed. */
const DISCARD_LIMIT = 16 * 1024 * 1024;

export const joinChunks = (chunks: readonly Buffer[]): Buffer => (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));

/**
 * Reads the whole body, or calls `tooLarge` as soon as the declared or received size passes
 * `limit`. After `tooLarge` the rest of the body is drained (bounded) so the client reads the
 * answer instead of a reset connection. `done` gets the body as the chunks it arrived in (none for
 * an empty body) and its size.
 */
export function readBody(req: IncomingMessage, limit: number, done: (chunks: Buffer[], size: number) => void, tooLarge: () => void): void {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) {
    discard(req);
    tooLarge();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      refused = true;
      req.off("data", onData);
      discard(req);
      tooLarge();
      return;
    }
    chunks.push(chunk);
  };
  req.on("data", onData);
  req.on("end", () => {
    if (!refused) done(chunks, size);
  });
  req.on("error", () => {
    // The client went away; there is nobody to answer.
  });
}

function discard(req: IncomingMessage): void {
  let dropped = 0;
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_LIMIT) req.socket.destroy();
  });
  req.on("error", () => {});
  req.resume();
}
