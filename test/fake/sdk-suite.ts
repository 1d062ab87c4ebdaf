// One suite of SDK-level tests, run against the in-process fake (test/fake/sdk.test.ts) and the
// HTTP server (test/server/sdk.test.ts): the real @aws-sdk/client-cognito-identity, every
// implemented operation, success and error paths, the SDK's own error classes.
import {
  CognitoIdentityClient,
  CognitoIdentityServiceException,
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  InvalidParameterException,
  LimitExceededException,
  ListIdentityPoolsCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIdentityPoolCommand,
  paginateListIdentityPools,
  type IdentityPool,
} from "@aws-sdk/client-cognito-identity";
import { beforeEach, describe, expect, it } from "vitest";
import { messages, poolArn } from "../../src/model/index.js";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface ClientOptions {
  accessKeyId?: string;
  region?: string;
  maxAttempts?: number;
}

export interface Target {
  client(options?: ClientOptions): CognitoIdentityClient;
  /** Back to an empty state. */
  reset(): void;
  /** Model quotas for one test (replaces the service): used for LimitExceededException. */
  withQuotas?(quotas: { identityPoolsPerRegion: number }): Promise<CognitoIdentityClient>;
}

/** Runs `send` and returns what it threw. */
export async function thrown(promise: Promise<unknown>): Promise<CognitoIdentityServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as CognitoIdentityServiceException;
  }
  throw new Error("expected the call to throw");
}

/** The SDK's own error class, name, message and status, as a test expects them. */
export function expectAwsError(
  error: CognitoIdentityServiceException,
  type: abstract new (...args: never[]) => CognitoIdentityServiceException,
  name: string,
  message: string,
  status = 400,
): void {
  expect(error).toBeInstanceOf(type);
  expect(error).toBeInstanceOf(CognitoIdentityServiceException);
  expect(error.name).toBe(name);
  expect(error.message).toBe(message);
  expect(error.$metadata.httpStatusCode).toBe(status);
  expect(error.$metadata.requestId).toMatch(UUID);
  expect(error.$fault).toBe(status >= 500 ? "server" : "client");
}

const UNKNOWN_POOL = "us-east-1:00000000-0000-4000-8000-000000000000";

export function sdkSuite(label: string, target: () => Target): void {
  describe(`the AWS SDK against ${label}`, () => {
    let sdk: CognitoIdentityClient;
    beforeEach(() => {
      target().reset();
      sdk = target().client();
    });

    const create = (name = "pool one", extra: Partial<IdentityPool> = {}) =>
      sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: false, ...extra }));

    it("CreateIdentityPool answers the pool, with the request id and status in $metadata", async () => {
      const created = await create("pool one", { AllowClassicFlow: true, IdentityPoolTags: { team: "a" } });
      expect(created.IdentityPoolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
      expect(created).toMatchObject({
        IdentityPoolName: "pool one",
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: true,
        IdentityPoolTags: { team: "a" },
      });
      expect(created.$metadata.httpStatusCode).toBe(200);
      expect(created.$metadata.requestId).toMatch(UUID);
      expect(created.$metadata.attempts).toBe(1);
    });

    it("CreateIdentityPool refuses a bad name with the SDK's ValidationException (no class of its own)", async () => {
      const error = await thrown(create("pool#name"));
      expectAwsError(
        error,
        CognitoIdentityServiceException,
        "ValidationException",
        "1 validation error detected: Value 'pool#name' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
      );
    });

    it("CreateIdentityPool refuses a Cognito provider without ProviderName: InvalidParameterException", async () => {
      const error = await thrown(create("p", { CognitoIdentityProviders: [{ ClientId: "abc" }] }));
      expectAwsError(error, InvalidParameterException, "InvalidParameterException", messages.invalidCognitoProvider());
    });

    it("CreateIdentityPool beyond the pool quota: LimitExceededException, which the SDK retries as throttling", async () => {
      if (!target().withQuotas) return;
      const limited = await target().withQuotas!({ identityPoolsPerRegion: 1 });
      await limited.send(new CreateIdentityPoolCommand({ IdentityPoolName: "first", AllowUnauthenticatedIdentities: true }));
      const error = await thrown(limited.send(new CreateIdentityPoolCommand({ IdentityPoolName: "second", AllowUnauthenticatedIdentities: true })));
      expectAwsError(error, LimitExceededException, "LimitExceededException", messages.tooManyPools(1));
      expect(error.$metadata.attempts).toBe(3);
    });

    it("DescribeIdentityPool answers what was created", async () => {
      const { $metadata: _, ...created } = await create();
      const { $metadata, ...described } = await sdk.send(new DescribeIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId }));
      expect(described).toEqual(created);
      expect($metadata.httpStatusCode).toBe(200);
    });

    it("DescribeIdentityPool of an unknown pool: ResourceNotFoundException", async () => {
      const error = await thrown(sdk.send(new DescribeIdentityPoolCommand({ IdentityPoolId: UNKNOWN_POOL })));
      expectAwsError(error, ResourceNotFoundException, "ResourceNotFoundException", `IdentityPool '${UNKNOWN_POOL}' not found.`);
    });

    it("a pool is seen only by its account and Region", async () => {
      const { IdentityPoolId } = await create();
      const otherAccount = target().client({ accessKeyId: "210987654321" });
      const otherRegion = target().client({ region: "eu-west-1" });
      for (const client of [otherAccount, otherRegion]) {
        const error = await thrown(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId })));
        expect(error).toBeInstanceOf(ResourceNotFoundException);
      }
      const eu = await otherRegion.send(new CreateIdentityPoolCommand({ IdentityPoolName: "eu", AllowUnauthenticatedIdentities: true }));
      expect(eu.IdentityPoolId).toMatch(/^eu-west-1:/);
    });

    it("UpdateIdentityPool replaces the settings and answers the pool", async () => {
      const { IdentityPoolId } = await create("before", { DeveloperProviderName: "login.example" });
      const updated = await sdk.send(
        new UpdateIdentityPoolCommand({ IdentityPoolId, IdentityPoolName: "after", AllowUnauthenticatedIdentities: true }),
      );
      expect(updated).toMatchObject({ IdentityPoolId, IdentityPoolName: "after", AllowUnauthenticatedIdentities: true, DeveloperProviderName: "login.example" });
      const described = await sdk.send(new DescribeIdentityPoolCommand({ IdentityPoolId }));
      expect(described.IdentityPoolName).toBe("after");
    });

    it("UpdateIdentityPool cannot change the developer provider name: InvalidParameterException", async () => {
      const { IdentityPoolId } = await create("p", { DeveloperProviderName: "login.example" });
      const error = await thrown(
        sdk.send(new UpdateIdentityPoolCommand({ IdentityPoolId, IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, DeveloperProviderName: "other" })),
      );
      expectAwsError(error, InvalidParameterException, "InvalidParameterException", messages.developerProviderImmutable());
    });

    it("UpdateIdentityPool of an unknown pool: ResourceNotFoundException", async () => {
      const error = await thrown(
        sdk.send(new UpdateIdentityPoolCommand({ IdentityPoolId: UNKNOWN_POOL, IdentityPoolName: "p", AllowUnauthenticatedIdentities: false })),
      );
      expectAwsError(error, ResourceNotFoundException, "ResourceNotFoundException", messages.poolNotFound(UNKNOWN_POOL));
    });

    it("DeleteIdentityPool answers {} and the pool is gone", async () => {
      const { IdentityPoolId } = await create();
      const deleted = await sdk.send(new DeleteIdentityPoolCommand({ IdentityPoolId }));
      expect(deleted.$metadata.httpStatusCode).toBe(200);
      expect(Object.keys(deleted)).toEqual(["$metadata"]);
      const error = await thrown(sdk.send(new DeleteIdentityPoolCommand({ IdentityPoolId })));
      expectAwsError(error, ResourceNotFoundException, "ResourceNotFoundException", messages.poolNotFound(IdentityPoolId!));
    });

    it("ListIdentityPools pages in creation order, and the SDK's paginator follows NextToken", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create(`pool ${i}`)).IdentityPoolId!);
      const first = await sdk.send(new ListIdentityPoolsCommand({ MaxResults: 2 }));
      expect(first.IdentityPools).toEqual([
        { IdentityPoolId: ids[0], IdentityPoolName: "pool 0" },
        { IdentityPoolId: ids[1], IdentityPoolName: "pool 1" },
      ]);
      expect(first.NextToken).toEqual(expect.any(String));
      const seen: string[] = [];
      let pages = 0;
      for await (const page of paginateListIdentityPools({ client: sdk, pageSize: 2 }, { MaxResults: 2 })) {
        pages++;
        seen.push(...(page.IdentityPools ?? []).map((p) => p.IdentityPoolId!));
      }
      expect(seen).toEqual(ids);
      expect(pages).toBe(3);
    });

    it("ListIdentityPools with a token it did not issue: InvalidParameterException; without MaxResults: ValidationException", async () => {
      const error = await thrown(sdk.send(new ListIdentityPoolsCommand({ MaxResults: 10, NextToken: "not-a-token" })));
      expectAwsError(error, InvalidParameterException, "InvalidParameterException", messages.invalidNextToken());
      const missing = await thrown(sdk.send(new ListIdentityPoolsCommand({} as never)));
      expect(missing.name).toBe("ValidationException");
      expect(missing.message).toBe("1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null");
    });

    it("TagResource, ListTagsForResource and UntagResource work on the pool's ARN", async () => {
      const { IdentityPoolId } = await create("p", { IdentityPoolTags: { a: "1" } });
      const ResourceArn = poolArn(ACCOUNT, REGION, IdentityPoolId!);
      const tagged = await sdk.send(new TagResourceCommand({ ResourceArn, Tags: { b: "2", a: "one" } }));
      expect(tagged.$metadata.httpStatusCode).toBe(200);
      expect((await sdk.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags).toEqual({ a: "one", b: "2" });
      await sdk.send(new UntagResourceCommand({ ResourceArn, TagKeys: ["a", "absent"] }));
      expect((await sdk.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags).toEqual({ b: "2" });
      expect((await sdk.send(new DescribeIdentityPoolCommand({ IdentityPoolId }))).IdentityPoolTags).toEqual({ b: "2" });
    });

    it("the tag operations refuse a malformed ARN, an unknown pool and too many tags", async () => {
      const { IdentityPoolId } = await create();
      const bad = await thrown(sdk.send(new ListTagsForResourceCommand({ ResourceArn: "arn:aws:iam::123456789012:role/x" })));
      expectAwsError(bad, InvalidParameterException, "InvalidParameterException", messages.invalidArn("arn:aws:iam::123456789012:role/x"));
      const missing = await thrown(sdk.send(new TagResourceCommand({ ResourceArn: poolArn(ACCOUNT, REGION, UNKNOWN_POOL), Tags: { a: "b" } })));
      expectAwsError(missing, ResourceNotFoundException, "ResourceNotFoundException", messages.poolNotFound(UNKNOWN_POOL));
      const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
      const tooMany = await thrown(sdk.send(new TagResourceCommand({ ResourceArn: poolArn(ACCOUNT, REGION, IdentityPoolId!), Tags: tags })));
      expectAwsError(tooMany, InvalidParameterException, "InvalidParameterException", messages.tooManyTags(50));
      const untag = await thrown(sdk.send(new UntagResourceCommand({ ResourceArn: poolArn(ACCOUNT, REGION, UNKNOWN_POOL), TagKeys: ["a"] })));
      expect(untag).toBeInstanceOf(ResourceNotFoundException);
    });

    it("an operation the model does not implement is UnknownOperationException, as the SDK sends it", async () => {
      // Any operation of the service model that the model lacks; none once every one is implemented.
      const { operationNames, service } = await import("../../src/model/index.js");
      const missing = Object.keys(service.operations).find((op) => !(operationNames as readonly string[]).includes(op));
      if (!missing) return;
      const sdkModule = (await import("@aws-sdk/client-cognito-identity")) as unknown as Record<string, new (input: object) => never>;
      const Command = sdkModule[`${missing}Command`]!;
      const error = await thrown(sdk.send(new Command({})));
      expect(error.name).toBe("UnknownOperationException");
      expect(error.message).toBe(messages.unknownOperation(missing));
      expect(error.$metadata.httpStatusCode).toBe(400);
    });
  });
}
