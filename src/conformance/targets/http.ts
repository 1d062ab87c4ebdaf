// Any HTTP endpoint, through the real SDK: moto, LocalStack, our own server, or AWS itself.
import { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import type { AwsCredentialIdentity } from "@smithy/types";
import { regionOfHost } from "../../protocol/caller.js";
import type { Target } from "../target.js";
import { sdkTarget } from "./sdk.js";

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

export async function httpTarget(options: HttpTargetOptions): Promise<Target> {
  const aws = isAwsEndpoint(options.endpoint);
  // On AWS another Region is another endpoint, which the SDK finds; an emulator has one address.
  const client = (region: string) => new CognitoIdentityClient({
    ...(aws && region !== options.region ? {} : { endpoint: options.endpoint }),
    region,
    ...(options.credentials ? { credentials: options.credentials } : aws ? {} : { credentials: emulatorCredentials }),
    maxAttempts: options.maxAttempts ?? (aws ? 3 : 1),
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 15_000, connectionTimeout: 5_000 },
  });
  const reset = aws || options.reset === false ? undefined : await findReset(options.endpoint);
  return sdkTarget({
    name: options.name ?? options.endpoint,
    account: options.account,
    region: options.region,
    client,
    revealsRegion: regionOfHost(new URL(options.endpoint).host) !== undefined,
    ...(reset ? { reset } : {}),
  });
}
