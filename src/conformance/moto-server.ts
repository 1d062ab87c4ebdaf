// moto's server mode as a peer to check: started on a free port, stopped when done.
import { spawn, execFile } from "node:child_process";
import { createServer } from "node:net";
import { promisify } from "node:util";

export interface MotoServer {
  url: string;
  version: string;
  /**
   * The exceptions moto's log named so far (`NotImplementedError: The set_identity_pool_roles
   * action has not been implemented`), each once: the causes of its 500s, which its answers do not say.
   */
  errors(): string[];
  stop(): Promise<void>;
}

/** An exception line of a Python traceback: `SomeError: message`. */
const EXCEPTION_LINE = /^(?:[\w.]+\.)?([A-Z]\w*(?:Error|Exception)): (.+)$/;

/** moto's version, or undefined when `python -m moto.server` cannot run here. */
export async function motoVersion(python = "python3"): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(python, ["-c", "import moto, flask, werkzeug; print(moto.__version__)"], { timeout: 30_000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startMoto(options: { python?: string; host?: string; timeoutMs?: number } = {}): Promise<MotoServer> {
  const python = options.python ?? "python3";
  const host = options.host ?? "127.0.0.1";
  const version = await motoVersion(python);
  if (!version) throw new Error(`moto is not installed for ${python} (pip install 'moto[server]')`);
  const port = await freePort(host);
  const child = spawn(python, ["-m", "moto.server", "-H", host, "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  let partial = "";
  const errors = new Set<string>();
  child.stderr.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-4000);
    const lines = (partial + text).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      const m = EXCEPTION_LINE.exec(line.trim());
      // Quoted values (ids, names) vary with the commands: one line per kind of exception.
      if (m) errors.add(`${m[1]}: ${m[2]!.replace(/'[^']*'/g, "'…'")}`);
    }
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://${host}:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited (${child.exitCode}): ${log}`);
    try {
      const response = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`moto did not answer on ${url}: ${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    version,
    errors: () => [...errors].sort(),
    async stop() {
      if (child.exitCode === null) child.kill();
      await exited;
    },
  };
}
