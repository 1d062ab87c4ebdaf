// createFake: a deterministic, in-process Cognito Identity for tests.
import { FakeRequestHandler } from "./handler.js";
import type { CredentialsDescription, IamRole, InitFile, Jwks } from "../model/index.js";
import { Service, type OpenIdConfiguration, type ServiceOptions, type ServiceSnapshot } from "./service.js";
import type { FaultInfo, FaultSpec } from "./faults.js";
import { operationOf, type Call, type CallFilter, type CommandOrOperation } from "./history.js";

export { Service, InitError, type OpenIdConfiguration, type ServiceOptions, type ServiceSnapshot, type RestoreResult } from "./service.js";
export { FakeRequestHandler } from "./handler.js";
export { FaultSpecError, modeledErrors, type FaultInfo, type FaultSpec } from "./faults.js";
export { DEFAULT_HISTORY_LIMIT, operationOf, type Call, type CallFilter, type CallOutcome, type CommandOrOperation } from "./history.js";
export { fetchJwks, userPoolConfig, type UserPoolEmulator } from "./user-pools.js";

export type FakeOptions = ServiceOptions;

export interface Fake {
  /** Pass as `new CognitoIdentityClient({ requestHandler })`. */
  readonly requestHandler: FakeRequestHandler;
  /** The service behind the handler (state, snapshots, raw `handle`). */
  readonly service: Service;
  /**
   * Back to an empty state. Each reset is a new generation of ids (spec ID-9), so ids kept from
   * before are not found rather than reused; `reset({ seed })` starts that seed's ids afresh.
   */
  reset(options?: { seed?: number }): void;
  /** The whole state as plain JSON; a configured private signing key only with `includePrivateKeys`. */
  snapshot(options?: { includePrivateKeys?: boolean }): ServiceSnapshot;
  /** Puts back a snapshot taken earlier (also after `JSON.parse(JSON.stringify(snapshot))`); throws when it is not one. */
  restore(snapshot: unknown): void;
  /**
   * The public keys that verify the OpenID tokens of GetOpenIdToken and
   * GetOpenIdTokenForDeveloperIdentity, as a JWKS: `createLocalJWKSet(fake.jwks())` (jose). The
   * server serves the same at `/.well-known/jwks.json`.
   */
  jwks(): Jwks;
  /**
   * The OpenID discovery document the server serves at `/.well-known/openid-configuration`, with
   * `jwks_uri` under `baseUrl`, the address it is served from (e.g. `server.url`).
   */
  openIdConfiguration(baseUrl: string): OpenIdConfiguration;
  /**
   * What credentials from GetCredentialsForIdentity stand for: `{ roleArn, identityId,
   * identityPoolId, provider?, principalTags, expiration }`, or undefined for an access key id this
   * fake did not issue (or issued before a `reset`). The server answers the same at
   * `GET /_model/credentials/<AccessKeyId>`, `expiration` in epoch seconds.
   */
  describeCredentials(accessKeyId: string): CredentialsDescription | undefined;
  /** IAM-7: the registered roles, as `aws iam list-roles` prints them. */
  iamRoles(): { Roles: IamRole[] };
  /**
   * IAM-7: replaces the registered roles with the output of `aws iam list-roles` (or `get-role`, or a
   * list of roles); kept across `reset`. Throws, changing nothing, when it is not one.
   */
  setIamRoles(roles: unknown): void;
  /**
   * INIT-5: the current state as an init file (spec/init.md): commit it, and `createFake({ init })`
   * or `serve --init FILE` with it starts with the same pools, roles and identities.
   */
  export(): InitFile;
  /**
   * FAULT-1..FAULT-7 (spec/testing.md): calls that answer a modeled error, are delayed, time out or
   * lose their connection instead of reaching the model: `fake.faults.add({ operation: "GetId",
   * error: "TooManyRequestsException", times: 2 })`. `add` throws a FaultSpecError for a spec it refuses.
   */
  readonly faults: FaultControl;
  /** HIST-1: every call answered since the last reset (or `clearCalls`), oldest first. */
  readonly calls: readonly Call[];
  /** HIST-3: the calls of one operation (a command class or its name), or those a filter picks; `input` members to hold. */
  callsOf(which: CommandOrOperation | CallFilter, input?: Record<string, unknown>): Call[];
  /** HIST-5: empties the history (a reset does too). */
  clearCalls(): void;
}

/** FAULT-1: the faults of a fake. */
export interface FaultControl {
  add(spec: FaultSpec): FaultInfo;
  /** The faults still to answer, in the order they were added. */
  list(): FaultInfo[];
  /** False when no fault has that id (it may have run out). */
  remove(id: number): boolean;
  clear(): void;
}

export function createFake(options: FakeOptions = {}): Fake {
  const service = new Service(options);
  const { faults, history } = service.testing;
  return {
    requestHandler: new FakeRequestHandler(service),
    service,
    reset: (options) => service.reset(options),
    snapshot: (options) => service.snapshot(options),
    restore: (snapshot) => {
      const restored = service.restore(snapshot);
      if (!restored.ok) throw new Error(`cannot restore: ${restored.reason}`);
    },
    jwks: () => service.jwks(),
    openIdConfiguration: (baseUrl) => service.openIdConfiguration(baseUrl),
    describeCredentials: (accessKeyId) => service.describeCredentials(accessKeyId),
    iamRoles: () => service.iamRoles(),
    export: () => service.export(),
    setIamRoles: (roles) => {
      const replaced = service.setIamRoles(roles);
      if (!replaced.ok) throw new Error(`cannot register roles: ${replaced.reason}`);
    },
    faults: {
      add: (spec) => faults.add(spec),
      list: () => faults.list(),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
    },
    get calls() {
      return history.list();
    },
    callsOf: (which, input) => {
      const filter = typeof which === "object" && !("prototype" in which) ? which : { operation: operationOf(which) };
      return history.list(input === undefined ? filter : { ...filter, input });
    },
    clearCalls: () => history.clear(),
  };
}
