// Runs `check` without the package's bin: `npx tsx src/conformance/main.ts [options]`.
import { runCheckCommand } from "./cli.js";

process.exitCode = await runCheckCommand(process.argv.slice(2));
