// createFake: a deterministic, in-process Cognito Identity for tests.
import { FakeRequestHandler } from "./handler.js";
import type { CredentialsDescription, IamRole, InitFile, Jwks } from "../model/index.js";
import { Service, type OpenIdConfiguration, type ServiceOptions, type ServiceSnapshot } from "./service.js";

export { Service, InitError, type OpenIdConfiguration, type ServiceOptions, type ServiceSnapshot, type RestoreResult } from "./service.js";
export { FakeRequestHandler } from "./handler.js";
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
}

export function createFake(options: FakeOptions = {}): Fake {
  const service = new Service(options);
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
  };
}
