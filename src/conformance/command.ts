// A generated command for fast-check's model runner: plain parameters, resolved when it runs.
import type fc from "fast-check";
import type { OperationHarness } from "./operation.js";
import type { Session } from "./session.js";
import type { World } from "./world.js";

export class HarnessCommand implements fc.AsyncCommand<World, Session> {
  constructor(
    readonly harness: OperationHarness,
    readonly params: unknown,
  ) {}

  check(world: World): boolean {
    return this.harness.requires?.(world) ?? true;
  }

  async run(_world: World, session: Session): Promise<void> {
    await session.execute(this.harness, this.params);
  }

  /** The parameters, not the resolved input: fast-check reuses command objects across runs. */
  toString(): string {
    return `${this.harness.op}(${JSON.stringify(this.params)})`;
  }
}
