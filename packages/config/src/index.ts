export { ConfigError, type ConfigIssue, formatConfigError, isConfigError } from "./config-error.js";
export {
  CONFIG_VARIABLES,
  ENVIRONMENTS,
  type EnvSource,
  type FolioEnv,
  SECRET_VARIABLES,
  type SecretVariable,
} from "./config-sources.js";
export {
  type Config,
  DEV_CURSOR_SECRET,
  EXAMPLE_CURSOR_SECRET,
  KNOWN_DEFAULT_SECRETS,
  LOG_LEVELS,
  type LoadConfigOptions,
  type LogLevel,
  SECRET_MIN_LENGTH,
  loadConfig,
} from "./load-config.js";
export { Secret, isSecret, redactUrl } from "./secret.js";
export {
  FLAG_NAME_PATTERN,
  type FeatureFlagChange,
  type FeatureFlagListener,
  type FeatureFlagState,
  type FeatureFlagStore,
  type FeatureFlags,
  type FeatureFlagsOptions,
  createFeatureFlags,
  createMemoryFeatureFlagStore,
  isFlagName,
} from "./feature-flags.js";
export {
  type ConfigChangeEvent,
  type ConfigWatcher,
  type WatchConfigOptions,
  changedKeys,
  watchConfig,
} from "./watch-config.js";
export {
  ARGON2_MIN,
  type AuthConfig,
  DEV_AUTH_SECRET,
  type MessagingConfig,
  type OAuthClientConfig,
  type OAuthConfig,
} from "./accounts-config.js";
export { JOBS_MODES, type JobsConfig, type JobsMode, REVALIDATE_SECRET_MIN_LENGTH } from "./jobs-config.js";
export {
  MEDIA_MAX_BYTES_DEFAULT,
  MEDIA_STORAGES,
  type MediaConfig,
  type MediaStorageKind,
  type S3Config,
} from "./media-config.js";
