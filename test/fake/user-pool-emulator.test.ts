// LOGIN-16, LOGIN-17: a user signed up and in with a user-pool emulator (moto's cognito-idp, and
// cognito-local) presents the ID token the emulator issued (signed with its key, fetched from its
// JWKS) to the fake, and gets the authenticated role. moto runs as a server; with
// CIM_REQUIRE_PEERS=1 (CI) its absence is a failure. cognito-local is a development dependency.
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { motoVersion, startMoto, type MotoServer } from "../../src/conformance/moto-server.js";
import { createFake, userPoolConfig } from "../../src/fake/index.js";
import { startServer } from "../../src/server/index.js";

const required = process.env.CIM_REQUIRE_PEERS === "1";
const version = await motoVersion();
const unavailable = "moto's server mode is not installed (pip install 'moto[server]'); with CIM_REQUIRE_PEERS=1 this is a failure";

let moto: MotoServer | undefined;

/** One call of an emulator's cognito-idp API (AWS JSON 1.1), moto's unless another address is given. */
async function idp(action: string, input: Record<string, unknown>, url = moto!.url): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": `AWSCognitoIdentityProviderService.${action}`,
      Authorization: "AWS4-HMAC-SHA256 Credential=AKIDTEST/20240101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00",
    },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${action}: ${JSON.stringify(body)}`);
  return body;
}

interface SignedIn {
  userPoolId: string;
  clientId: string;
  providerName: string;
  idToken: string;
}

async function signIn(username: string, url = moto!.url): Promise<SignedIn> {
  const call = (action: string, input: Record<string, unknown>) => idp(action, input, url);
  const pool = (await call("CreateUserPool", { PoolName: "app" })).UserPool as { Id: string };
  const client = (await call("CreateUserPoolClient", { UserPoolId: pool.Id, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }))
    .UserPoolClient as { ClientId: string };
  await call("SignUp", { ClientId: client.ClientId, Username: username, Password: "Passw0rd!!xx" });
  await call("AdminConfirmSignUp", { UserPoolId: pool.Id, Username: username });
  const auth = await call("InitiateAuth", { ClientId: client.ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: "Passw0rd!!xx" } });
  const idToken = (auth.AuthenticationResult as { IdToken: string }).IdToken;
  return { userPoolId: pool.Id, clientId: client.ClientId, providerName: `cognito-idp.us-east-1.amazonaws.com/${pool.Id}`, idToken };
}

const credentials = { accessKeyId: "123456789012", secretAccessKey: "test" };
const AUTH_ROLE = "arn:aws:iam::123456789012:role/authenticated";

async function poolFor(client: CognitoIdentityClient, user: SignedIn): Promise<string> {
  const pool = await client.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: "with moto",
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: user.providerName, ClientId: user.clientId }],
    }),
  );
  await client.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { authenticated: AUTH_ROLE } }));
  return pool.IdentityPoolId!;
}

const jwksUrl = (user: SignedIn) => `${moto!.url}/${user.userPoolId}/.well-known/jwks.json`;

describe("tokens from moto's cognito-idp", () => {
  beforeAll(async () => {
    if (version) moto = await startMoto();
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
  });

  it("LOGIN-17: a moto user's ID token, checked against moto's JWKS, gets credentials for the authenticated role", async (ctx) => {
    if (!version && !required) ctx.skip(unavailable);
    expect(version, unavailable).toBeDefined();
    const alice = await signIn("alice");
    const config = await userPoolConfig([{ providerName: alice.providerName, jwksUrl: jwksUrl(alice) }]);
    const fake = createFake({ seed: 9, account: "123456789012", config });
    const client = new CognitoIdentityClient({ region: "us-east-1", credentials, requestHandler: fake.requestHandler });
    const IdentityPoolId = await poolFor(client, alice);
    const Logins = { [alice.providerName]: alice.idToken };
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId, Logins }));
    const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    expect(fake.describeCredentials(Credentials!.AccessKeyId!)).toMatchObject({ roleArn: AUTH_ROLE, identityId: IdentityId, provider: alice.providerName });

    // The signature is checked: a token whose payload was changed is refused.
    const [header, payload] = alice.idToken.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: "mallory" })).toString("base64url")}.${alice.idToken.split(".")[2]}`;
    await expect(client.send(new GetIdCommand({ IdentityPoolId, Logins: { [alice.providerName]: tampered } }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Invalid login token. Couldn't verify signed token.",
    });
  });

  it("LOGIN-16, LOGIN-17: the server takes the emulator as configuration, and an emulator's own issuer when it has one", async (ctx) => {
    if (!version && !required) ctx.skip(unavailable);
    expect(version, unavailable).toBeDefined();
    const bob = await signIn("bob");
    const config = await userPoolConfig([{ providerName: bob.providerName, jwksUrl: jwksUrl(bob) }]);
    const server = await startServer({ port: 0, seed: 10, account: "123456789012", config });
    try {
      const client = new CognitoIdentityClient({ region: "us-east-1", credentials, endpoint: server.url });
      const IdentityPoolId = await poolFor(client, bob);
      const Logins = { [bob.providerName]: bob.idToken };
      const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId, Logins }));
      expect(IdentityId).toMatch(/^us-east-1:/);
    } finally {
      await server.close();
    }
    // An issuer that is not the key's: configured, it is the one tokens must carry.
    const elsewhere = await userPoolConfig([{ providerName: bob.providerName, jwksUrl: jwksUrl(bob), issuer: `http://localhost:9229/${bob.userPoolId}` }]);
    const fake = createFake({ seed: 11, account: "123456789012", config: elsewhere });
    const client = new CognitoIdentityClient({ region: "us-east-1", credentials, requestHandler: fake.requestHandler });
    const IdentityPoolId = await poolFor(client, bob);
    await expect(client.send(new GetIdCommand({ IdentityPoolId, Logins: { [bob.providerName]: bob.idToken } }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Invalid login token. Issuer doesn't match providerName",
    });
  });

  it("LOGIN-17: a JWKS that cannot be fetched, or is none, is a clear error before anything starts", async () => {
    await expect(userPoolConfig([{ providerName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_x", jwksUrl: "http://127.0.0.1:9/none" }])).rejects.toThrow();
    const server = await startServer({ port: 0 });
    try {
      await expect(userPoolConfig([{ providerName: "p", jwksUrl: `${server.url}/_model/state` }])).rejects.toThrow(/has no "keys" list|answered/);
    } finally {
      await server.close();
    }
  });
});

/** cognito-local on a free port of 127.0.0.1, in a directory of its own (it keeps its pools there). */
async function startCognitoLocal(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const cwd = mkdtempSync(join(tmpdir(), "cim-cognito-local-"));
  const bin = join(dirname(fileURLToPath(import.meta.url)), "../../node_modules/.bin/cognito-local");
  const child = spawn(bin, [], { cwd, env: { ...process.env, HOST: "127.0.0.1", PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cognito-local did not start: ${output}`)), 30_000);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Cognito Local running on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", seen);
    child.stderr.on("data", seen);
    child.on("exit", (code) => reject(new Error(`cognito-local exited with ${code}: ${output}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

describe("tokens from cognito-local", () => {
  let local: Awaited<ReturnType<typeof startCognitoLocal>> | undefined;
  beforeAll(async () => {
    local = await startCognitoLocal();
  }, 60_000);
  afterAll(async () => {
    await local?.stop();
  });

  it("LOGIN-16, LOGIN-17: a cognito-local user's ID token, its issuer configured, gets credentials for the authenticated role", async () => {
    const carol = await signIn("carol@example.com", local!.url);
    // cognito-local's pools are local_<id>, its issuer http://<HOST>:<PORT>/<pool id>.
    const providerName = `cognito-idp.us-east-1.amazonaws.com/${carol.userPoolId}`;
    const config = await userPoolConfig([{ providerName, jwksUrl: `${local!.url}/${carol.userPoolId}/.well-known/jwks.json`, issuer: `${local!.url}/${carol.userPoolId}` }]);
    const fake = createFake({ seed: 12, account: "123456789012", config });
    const client = new CognitoIdentityClient({ region: "us-east-1", credentials, requestHandler: fake.requestHandler });
    const IdentityPoolId = await poolFor(client, { ...carol, providerName });
    const Logins = { [providerName]: carol.idToken };
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId, Logins }));
    const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    expect(fake.describeCredentials(Credentials!.AccessKeyId!)).toMatchObject({ roleArn: AUTH_ROLE, identityId: IdentityId, provider: providerName });
    // Without the issuer configured, a token whose `iss` is no user pool's is refused as AWS refuses one (LOGIN-5).
    const plain = createFake({ config: await userPoolConfig([{ providerName, jwksUrl: `${local!.url}/${carol.userPoolId}/.well-known/jwks.json` }]) });
    const other = new CognitoIdentityClient({ region: "us-east-1", credentials, requestHandler: plain.requestHandler });
    const otherPool = await poolFor(other, { ...carol, providerName });
    await expect(other.send(new GetIdCommand({ IdentityPoolId: otherPool, Logins }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Invalid login token. Not a Cognito token.",
    });
  });
});
