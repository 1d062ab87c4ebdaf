// Errors are values inside the model: `{ type, message }`, never thrown.

/** The exception shapes of the service model, plus what AWS JSON services send outside it. */
export type ErrorType =
  | "AccessDeniedException"
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
  | "UnknownOperationException"
  // STS's error codes (spec/sts.md)
  | "ValidationError"
  | "InvalidIdentityToken"
  | "ExpiredTokenException"
  | "IDPRejectedClaim"
  | "AccessDenied"
  | "ExpiredToken"
  | "InvalidClientTokenId"
  | "InvalidAction";

export interface ModelError {
  type: ErrorType;
  message: string;
}

export const modelError = (type: ErrorType, message: string): ModelError => ({ type, message });

/** Every exact message the model emits, in one place; sources are in spec/. */
export const messages = {
  givenIdMalformed: (what: string, id: string, region: string) => `The ${what} id '${id}' is not of the form ${region}:<lowercase uuid>.`,
  givenIdInUse: (what: string, id: string) => `The ${what} id '${id}' is already taken.`,
  loginLinkedElsewhere: (provider: string, owner: string) => `The login of ${provider} is linked to identity '${owner}' already.`,
  disabledWithLogins: () => "A disabled identity has no linked logins.",
  modifiedBeforeCreated: () => "An identity cannot be modified before it was created.",
  poolNotFound: (poolId: string) => `IdentityPool '${poolId}' not found.`,
  identityNotFound: (identityId: string) => `Identity '${identityId}' not found.`,
  invalidCognitoProvider: () => "Invalid Cognito Identity Provider",
  developerProviderImmutable: () => "Developer provider name cannot be changed once it is set.",
  tooManyTags: (limit: number) => `An identity pool can have at most ${limit} tags.`,
  tooManyPools: (limit: number) => `The number of identity pools in this account and Region has reached the limit of ${limit}.`,
  tooManyCognitoProviders: (limit: number) =>
    `An identity pool can have at most ${limit} Amazon Cognito user pool providers.`,
  invalidArn: (arn: string) => `Invalid ARN: ${arn}`,
  notAuthorizedOnResource: (principal: string, action: string, resource: string) =>
    `User: ${principal} is not authorized to perform: ${action} on resource: ${resource}`,
  invalidNextToken: () => "The pagination token is invalid.",
  rateExceeded: () => "Rate exceeded",
  // Identities, logins, tokens, credentials, roles and principal tags (spec/identities.md, spec/login-tokens.md).
  unauthenticatedNotSupported: () => "Unauthenticated access is not supported for this identity pool.",
  loginsDontMatch: () => "Logins don't match. Please include at least one valid login for this identity or identity pool.",
  identityForbidden: (identityId: string) => `Access to Identity '${identityId}' is forbidden.`,
  basicFlowDisabled: () => "Basic (classic) flow is not enabled, please use enhanced flow.",
  basicFlowWithRoleMappings: () => "Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.",
  cognitoTokenNotAccepted: () => "Invalid login token. Can't pass in a Cognito token.",
  unsupportedProvider: () => "Token is not from a supported provider of this identity pool.",
  noProvidersConfigured: (poolId: string) => `Identity pool - ${poolId} does not have identity providers configured.`,
  issuerMismatch: () => "Invalid login token. Issuer doesn't match providerName",
  tokenExpired: (nowSeconds: number, exp: number) => `Invalid login token. Token expired: ${nowSeconds} >= ${exp}`,
  missingClaim: (claim: string) => `Invalid login token. Missing a required claim: ${claim}`,
  notCognitoToken: () => "Invalid login token. Not a Cognito token.",
  unverifiableToken: () => "Invalid login token. Couldn't verify signed token.",
  notATestToken: (provider: string) => `Invalid login token. Not a test token for ${provider} (see spec/login-tokens.md).`,
  providerAlreadyLinked: (provider: string) => `The identity is already linked to a different login of ${provider}.`,
  tooManyLinkedLogins: (limit: number) => `The number of linked logins is limited to ${limit}.`,
  ambiguousRoleDenied: (provider: string) => `The ambiguous role mapping rules for: ${provider} denied this request.`,
  invalidPoolConfiguration: () => "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
  invalidRoleMappingProvider: (key: string) => `(${key}) is not a valid RoleMapping ProviderName or is not a configured provider.`,
  roleForbidden: (role: string) => `Access to Role '${role}' is forbidden.`,
  ambiguousResolutionRequired: (key: string) => `AmbiguousRoleResolution must be specified for the role mapping of ${key}.`,
  rulesConfigurationRequired: (key: string) => `RulesConfiguration must be specified for the Rules role mapping of ${key}.`,
  tooManyRules: (key: string, limit: number) => `The role mapping of ${key} can have at most ${limit} rules.`,
  principalTagProviderNotConfigured: (name: string) => `(${name}) is not a configured provider of this identity pool.`,
  // Developer-authenticated identities (spec/operations/*DeveloperIdentit*.md, rules DEV-n).
  developerProviderNotSupported: () => "This identity pool does not support the specified developer provider",
  developerUserIdentifierTooLong: (max: number) => `The developer user identifier must have length less than or equal to ${max}.`,
  developerUserAlreadyRegistered: () =>
    "The provided developer user identifier is already registered with Cognito under a different identity ID.",
  developerUserNotFound: (identifier: string) => `Developer user identifier '${identifier}' not found.`,
  developerUserMismatch: (identifier: string, identityId: string) =>
    `Developer user identifier '${identifier}' is not linked to identity '${identityId}'.`,
  lookupNeedsIdentifier: () => "Either IdentityId or DeveloperUserIdentifier must be provided.",
  stsInvalidRoleArn: () => "Request ARN is invalid",
  stsMalformedToken: () => "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)",
  stsNoProvider: (issuer: string) => `No OpenIDConnect provider found in your account for ${issuer}`,
  stsBadSignature: () => "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
  stsTokenExpired: (nowSeconds: number, exp: number) => `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${exp}`,
  stsDurationExceedsMax: () => "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
  stsNotAuthorized: (action: string) => `Not authorized to perform ${action}`,
  stsCredentialsExpired: () => "The security token included in the request is expired",
  stsUnknownAction: (op: string) => `Could not find operation ${op} for version 2011-06-15`,
  unknownOperation: (op: string) => `Operation ${op} is not supported.`,
} as const;
