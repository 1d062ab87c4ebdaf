// `cognito-identity-model serve` as a process of its own (through tsx, like the bin after a build).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

export function spawnServe(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli.ts"), "serve", ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n")) resolve(line!);
    });
    child.on("exit", () => reject(new Error(`serve exited: ${stderr}`)));
  });
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}
