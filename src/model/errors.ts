// Errors are values inside the model: `{ type, message }`, never thrown.

/** The exception shapes of the service model, plus what AWS JSON services send outside it. */
export type ErrorType =
  | "ConcurrentModificationException"
  | "DeveloperUserAlreadyRegisteredException"
  | "ExternalServiceException"
  | "InternalErrorException"
  | "InvalidIdentityPoolConfigurationException"
  | "InvalidParameterException"
  | "LimitExceededException"
  | "NotAuthorizedException"
  | "ResourceConflictException"
  | "ResourceNotFoundException"
  | "TooManyRequestsException"
  | "ValidationException"
  | "SerializationException"
  | "UnknownOperationException";

export interface ModelError {
  type: ErrorType;
  message: string;
}

export const modelError = (type: ErrorType, message: string): ModelError => ({ type, message });

/** Every exact message the model emits, in one place; sources are in spec/. */
export const messages = {
  poolNotFound: (poolId: string) => `IdentityPool '${poolId}' not found.`,
  identityNotFound: (identityId: string) => `Identity '${identityId}' not found.`,
  invalidCognitoProvider: () => "Invalid Cognito Identity Provider",
  developerProviderImmutable: () => "Developer provider name cannot be changed once it is set.",
  tooManyTags: (limit: number) => `An identity pool can have at most ${limit} tags.`,
  tooManyPools: (limit: number) => `The number of identity pools in this account and Region has reached the limit of ${limit}.`,
  tooManyCognitoProviders: (limit: number) =>
    `An identity pool can have at most ${limit} Amazon Cognito user pool providers.`,
  invalidArn: (arn: string) => `Invalid ARN: ${arn}`,
  invalidNextToken: () => "The pagination token is invalid.",
  rateExceeded: () => "Rate exceeded",
  unknownOperation: (op: string) => `Operation ${op} is not supported.`,
} as const;
