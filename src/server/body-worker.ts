// WIRE-36: the worker thread that checks large bodies (body-check.ts) while the event loop serves
// everyone else.
import { readlinkSync } from "node:fs";
import { constants, setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { checkBody } from "./body-check.js";

// The checks are background work: on Linux a thread has a priority of its own (its id is
// /proc/thread-self's last part), so the event loop and other clients' processes come first.
try {
  const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, constants.priority.PRIORITY_LOW);
} catch {
  // Elsewhere the worker runs at the process's priority.
}

parentPort?.on("message", (message: { id: number; op: string; chunks: Uint8Array[]; returnBody: boolean }) => {
  // The chunks as they came off the socket: joined here, so the event loop never copies the body.
  const body = message.chunks.length === 1 ? message.chunks[0]! : Buffer.concat(message.chunks);
  let verdict;
  try {
    verdict = checkBody(message.op, body);
  } catch {
    verdict = {}; // The service then answers as it would have, fault included.
  }
  // A refused body is dropped here unless asked for (a signature's check reads it): the event loop
  // answers from the verdict alone. One that passed goes back, moved rather than copied.
  if (verdict.refusal && !message.returnBody) parentPort!.postMessage({ id: message.id, verdict });
  else parentPort!.postMessage({ id: message.id, verdict, body }, [body.buffer as ArrayBuffer]);
});
