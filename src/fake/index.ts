// createFake: a deterministic, in-process Cognito Identity for tests.
import { FakeRequestHandler } from "./handler.js";
import { Service, type ServiceOptions, type ServiceSnapshot } from "./service.js";

export { Service, type ServiceOptions, type ServiceSnapshot, type RestoreResult } from "./service.js";
export { FakeRequestHandler } from "./handler.js";

export type FakeOptions = ServiceOptions;

export interface Fake {
  /** Pass as `new CognitoIdentityClient({ requestHandler })`. */
  readonly requestHandler: FakeRequestHandler;
  /** The service behind the handler (state, snapshots, raw `handle`). */
  readonly service: Service;
  /** Back to an empty state with the configured seed. */
  reset(): void;
  /** The whole state as plain JSON. */
  snapshot(): ServiceSnapshot;
  /** Puts back a snapshot taken earlier (also after `JSON.parse(JSON.stringify(snapshot))`); throws when it is not one. */
  restore(snapshot: unknown): void;
}

export function createFake(options: FakeOptions = {}): Fake {
  const service = new Service(options);
  return {
    requestHandler: new FakeRequestHandler(service),
    service,
    reset: () => service.reset(),
    snapshot: () => service.snapshot(),
    restore: (snapshot) => {
      const restored = service.restore(snapshot);
      if (!restored.ok) throw new Error(`cannot restore: ${restored.reason}`);
    },
  };
}
