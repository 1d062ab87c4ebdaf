// WIRE-36: the worker thread that checks large bodies (body-check.ts) while the event loop serves
// everyone else.
import { parentPort } from "node:worker_threads";
import { checkBody } from "./body-check.js";

parentPort?.on("message", (message: { id: number; op: string; body: Uint8Array }) => {
  let verdict;
  try {
    verdict = checkBody(message.op, message.body);
  } catch {
    verdict = {}; // The service then answers as it would have, fault included.
  }
  // The body goes back to the event loop, which answers with it (moved, not copied).
  parentPort!.postMessage({ id: message.id, verdict, body: message.body }, [message.body.buffer as ArrayBuffer]);
});
