// The principal identity pools are to IAM: the federated issuer of their OpenID tokens.
export const COGNITO_FEDERATED_PRINCIPAL = "cognito-identity.amazonaws.com";
