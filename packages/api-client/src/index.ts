export { createFolioClient, type FolioClient, type PostsListQuery } from "./folio-client.js";
export {
  buildUrl,
  type AuthHooks,
  type CallOptions,
  type FolioClientOptions,
  type NextFetchOptions,
  type QueryValue,
  type RequestContext,
  type RequestInterceptor,
  type RequestOptions,
  type ResponseInterceptor,
  type ResponseSchema,
} from "./http.js";
export {
  NetworkError,
  ProblemError,
  ResponseValidationError,
  TimeoutError,
  isProblemError,
  type ValidationIssue,
} from "./problem-error.js";
export { parseRetryAfter, type RetryOptions } from "./retry.js";
export {
  createMemoryTokenStore,
  createTokenSession,
  type SessionTokens,
  type SignOutReason,
  type TokenResponseLike,
  type TokenSession,
  type TokenSessionOptions,
  type TokenStore,
} from "./token-session.js";
