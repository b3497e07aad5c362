export * from "./password.js";
export * from "./tokens.js";
export * from "./secret-box.js";
export {
  createMemorySigningKeyStore,
  signingKeyContext,
  type JwtAlgorithm,
  type SigningKeyStore,
  type StoredSigningKey,
} from "./signing-keys.js";
export * from "./jwt.js";
export * from "./totp.js";
export * from "./rbac.js";
export * from "./throttle.js";
export * from "./oauth.js";
export * from "./sms.js";
