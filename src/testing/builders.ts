// Builders for the setups tests start from, through a client of the fake or the server (so they
// work in process and over HTTP): a pool with guest roles, a pool with a user-pool provider and
// its test tokens, a pool with a developer provider and its users, role mappings by rules.
import {
  CreateIdentityPoolCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  SetIdentityPoolRolesCommand,
  type CognitoIdentityClient,
  type CreateIdentityPoolInput,
  type MappingRuleMatchType,
  type RoleMapping,
} from "@aws-sdk/client-cognito-identity";
import { testLogin, testToken, userPoolProviderName, type TestTokenClaims } from "../model/index.js";

/** The account of the role ARNs the builders make, and of the access key `testbed` clients use. */
export const TEST_ACCOUNT = "123456789012";

export interface PoolOptions {
  /** Default `test pool`. */
  name?: string;
  /** Members of CreateIdentityPool's input beyond the builder's own. */
  pool?: Partial<CreateIdentityPoolInput>;
  /** Default `arn:aws:iam::123456789012:role/guest` and `.../role/authenticated`. */
  roles?: { unauthenticated?: string; authenticated?: string };
  /** SetIdentityPoolRoles' `RoleMappings`. */
  roleMappings?: Record<string, RoleMapping>;
}

export interface PoolSetup {
  IdentityPoolId: string;
  roles: { unauthenticated: string; authenticated: string };
}

/** A role ARN of the test account. */
export const testRole = (name: string, account = TEST_ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;

/** A pool that lets guests in, with an unauthenticated and an authenticated role. */
export async function guestPool(client: CognitoIdentityClient, options: PoolOptions = {}): Promise<PoolSetup> {
  const { IdentityPoolId } = await client.send(
    new CreateIdentityPoolCommand({ IdentityPoolName: options.name ?? "test pool", AllowUnauthenticatedIdentities: true, ...options.pool }),
  );
  const roles = { unauthenticated: options.roles?.unauthenticated ?? testRole("guest"), authenticated: options.roles?.authenticated ?? testRole("authenticated") };
  await client.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: roles, ...(options.roleMappings ? { RoleMappings: options.roleMappings } : {}) }));
  return { IdentityPoolId: IdentityPoolId!, roles };
}

/** One rule of a role mapping: a claim of the token, how it matches, the role it gives. */
export interface RoleRule {
  claim: string;
  value: string;
  roleArn: string;
  /** Default `Equals`. */
  match?: MappingRuleMatchType;
}

/** A role mapping by rules (ROLE-n): the first rule that matches gives its role; otherwise `ambiguous` (default the authenticated role). */
export function roleRules(rules: readonly RoleRule[], ambiguous: "AuthenticatedRole" | "Deny" = "AuthenticatedRole"): RoleMapping {
  return {
    Type: "Rules",
    AmbiguousRoleResolution: ambiguous,
    RulesConfiguration: { Rules: rules.map((r) => ({ Claim: r.claim, MatchType: r.match ?? "Equals", Value: r.value, RoleARN: r.roleArn })) },
  };
}

export interface UserPoolSetup extends PoolSetup {
  userPoolId: string;
  clientId: string;
  /** The Logins key, `cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  providerName: string;
  /** A test ID token of a user (LOGIN-n): the pool accepts it as one its user pool issued. */
  token(sub: string, claims?: Omit<TestTokenClaims, "sub" | "aud">): string;
  /** `{ [providerName]: token }`, the Logins map an app sends. */
  logins(sub: string, claims?: Omit<TestTokenClaims, "sub" | "aud">): Record<string, string>;
}

export interface UserPoolOptions extends PoolOptions {
  /** Default `us-east-1_TestPool`. */
  userPoolId?: string;
  /** Default `testclient`. */
  clientId?: string;
  /** A role mapping by these rules for the user pool's tokens. */
  rules?: readonly RoleRule[];
  /** With `rules`: what a token no rule matches gets. */
  ambiguous?: "AuthenticatedRole" | "Deny";
}

/** A guest pool whose users sign in to one app client of a user pool, with test tokens for them. */
export async function userPoolSetup(client: CognitoIdentityClient, options: UserPoolOptions = {}): Promise<UserPoolSetup> {
  const userPoolId = options.userPoolId ?? "us-east-1_TestPool";
  const clientId = options.clientId ?? "testclient";
  const providerName = userPoolProviderName(userPoolId);
  // ROLE-3: a user pool's mapping is keyed by its provider and app client.
  const roleMappings = options.rules ? { ...options.roleMappings, [`${providerName}:${clientId}`]: roleRules(options.rules, options.ambiguous) } : options.roleMappings;
  const setup = await guestPool(client, {
    ...options,
    pool: { CognitoIdentityProviders: [{ ProviderName: providerName, ClientId: clientId }], ...options.pool },
    ...(roleMappings ? { roleMappings } : {}),
  });
  return {
    ...setup,
    userPoolId,
    clientId,
    providerName,
    token: (sub, claims = {}) => testToken(providerName, { ...claims, sub, aud: clientId }),
    logins: (sub, claims = {}) => testLogin.userPool(userPoolId, clientId, sub, claims),
  };
}

export interface DeveloperSetup extends PoolSetup {
  developerProviderName: string;
  /** GetOpenIdTokenForDeveloperIdentity for a user of the developer provider: the identity it has (made the first time) and a token. */
  user(userIdentifier: string): Promise<{ IdentityId: string; Token: string }>;
}

/** A guest pool with a developer provider (DEV-n), and a way to sign its users in. */
export async function developerSetup(client: CognitoIdentityClient, options: PoolOptions & { developerProviderName?: string } = {}): Promise<DeveloperSetup> {
  const developerProviderName = options.developerProviderName ?? "login.test.app";
  const setup = await guestPool(client, { ...options, pool: { DeveloperProviderName: developerProviderName, ...options.pool } });
  return {
    ...setup,
    developerProviderName,
    user: async (userIdentifier) => {
      const answer = await client.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: setup.IdentityPoolId, Logins: { [developerProviderName]: userIdentifier } }),
      );
      return { IdentityId: answer.IdentityId!, Token: answer.Token! };
    },
  };
}
