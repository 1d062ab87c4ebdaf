// Any HTTP endpoint, through the real SDK: moto, LocalStack, our own server, or AWS itself.
import type { AwsCredentialIdentity } from "@smithy/types";
import { initialState, openIdJwks } from "../../model/index.js";
import { regionOfHost } from "../../protocol/caller.js";
import { conformanceRoles } from "../arbitraries/roles.js";
import type { Target } from "../target.js";
import { sdkClient, sdkTarget, type ClientKey } from "./sdk.js";

export interface HttpTargetOptions {
  endpoint: string;
  region: string;
  /** The 12-digit account the credentials belong to (moto's default account otherwise). */
  account: string;
  /** Static credentials; the SDK's default chain (environment, profile, ...) when absent. */
  credentials?: AwsCredentialIdentity;
  /** Emulators get one attempt, so a 5xx is seen rather than retried; AWS gets the SDK's retries. */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  name?: string;
  /** False: never reset the endpoint, give each run fresh resources instead. */
  reset?: boolean;
}

export const isAwsEndpoint = (endpoint: string) => /(^|\.)amazonaws\.com(\.cn)?$/.test(new URL(endpoint).hostname);

/** Dummy credentials for emulators, which accept any signature. */
export const emulatorCredentials: AwsCredentialIdentity = { accessKeyId: "AKIDCONFORMANCE", secretAccessKey: "conformance" };

/** Reset routes of known emulators: moto's, and our own server's. */
const resetRoutes = ["/moto-api/reset", "/_model/reset"];

/** The first reset route the endpoint answers with a success; undefined when none does. */
export async function findReset(endpoint: string): Promise<(() => Promise<void>) | undefined> {
  for (const route of resetRoutes) {
    const url = new URL(route, endpoint).href;
    const reset = async () => {
      const response = await fetch(url, { method: "POST", signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`POST ${url} answered ${response.status}`);
    };
    try {
      await reset();
      return reset;
    } catch {
      // not this emulator
    }
  }
  return undefined;
}

/**
 * Our own server takes the check's roles (IAM-7), so it evaluates the trust policies the harness's
 * model does; other endpoints do not have the route, and keep whatever roles they have. True when
 * the roles were taken.
 */
async function registerRoles(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(new URL("/_model/iam/roles", endpoint), { method: "PUT", body: JSON.stringify(conformanceRoles), signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false; // not this emulator, or not reachable yet: the check's preflight says so
  }
}

/** Whether the endpoint serves the model's default OpenID key at /.well-known/jwks.json (our own server, unconfigured). */
async function signsWithModelKey(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(new URL("/.well-known/jwks.json", endpoint), { signal: AbortSignal.timeout(5_000) });
    const served = (await response.json()) as { keys?: { kid?: unknown }[] };
    return response.ok && served.keys?.[0]?.kid === openIdJwks(initialState()).keys[0]?.kid;
  } catch {
    return false;
  }
}

export async function httpTarget(options: HttpTargetOptions): Promise<Target> {
  const aws = isAwsEndpoint(options.endpoint);
  // On AWS another Region or service is another endpoint, which the SDK finds; an emulator has one address.
  const client = (key: ClientKey) => sdkClient(key, {
    ...(aws && (key.region !== options.region || key.service === "sts") ? {} : { endpoint: options.endpoint }),
    ...(options.credentials ? { credentials: options.credentials } : aws ? {} : { credentials: emulatorCredentials }),
    maxAttempts: options.maxAttempts ?? (aws ? 3 : 1),
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 15_000, connectionTimeout: 5_000 },
  });
  const reset = aws || options.reset === false ? undefined : await findReset(options.endpoint);
  // Our own server answers the roles route: it is then held to the model's conventions too.
  const ours = !aws && (await registerRoles(options.endpoint));
  const sharesSigningKey = !aws && (await signsWithModelKey(options.endpoint));
  return sdkTarget({
    name: options.name ?? options.endpoint,
    account: options.account,
    region: options.region,
    client,
    revealsRegion: regionOfHost(new URL(options.endpoint).host) !== undefined,
    sharesSigningKey,
    ours,
    ...(reset ? { reset } : {}),
  });
}
