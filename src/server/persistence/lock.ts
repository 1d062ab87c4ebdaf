// PERSIST-7: one server per data directory. The lock is a file naming its holder (process id and
// host); a holder that is gone (killed, crashed) leaves a lock the next server takes over.
import { openSync, readFileSync, renameSync, rmSync, writeFileSync, closeSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export const LOCK_FILE = "lock";

/** Directories this process holds: a second server in the same process is refused too. */
const held = new Set<string>();

interface Holder {
  pid: number;
  host: string;
  since: string;
}

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

/** Whether process `pid` runs on this machine: a zombie (killed, not yet reaped) does not. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // No /proc: a signal that reaches it is all there is to go by.
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as Partial<Holder>;
    return typeof value.pid === "number" && typeof value.host === "string" ? { pid: value.pid, host: value.host, since: String(value.since) } : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock of `dir`, or throws a DataDirLockedError naming who holds it. Returns its release. */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  if (held.has(path)) throw new DataDirLockedError(`${dir} is in use by another server (process ${process.pid}, this one): close it, or give this one another --data-dir`);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  try {
    const fd = openSync(path, "wx");
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = readHolder(path);
    if (holder && holder.host !== me.host) {
      throw new DataDirLockedError(
        `${dir} is locked by process ${holder.pid} on host ${holder.host} (since ${holder.since}). If no server runs there any more, delete ${path}`,
      );
    }
    if (holder && holder.pid !== me.pid && running(holder.pid)) {
      throw new DataDirLockedError(`${dir} is in use by another server (process ${holder.pid}, since ${holder.since}): stop it, or give this one another --data-dir`);
    }
    // Its holder is gone: take the lock over, then make sure no other server did at the same time.
    const taken = `${path}.${me.pid}`;
    writeFileSync(taken, text);
    renameSync(taken, path);
    const now = readHolder(path);
    if (now?.pid !== me.pid) throw new DataDirLockedError(`${dir} was taken by another server (process ${now?.pid}) as this one started`);
  }
  held.add(path);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(path);
    if (readHolder(path)?.pid === me.pid) rmSync(path, { force: true });
  };
}
