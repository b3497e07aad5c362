export type {
  Cache,
  CacheLogger,
  CacheOptions,
  CacheSummary,
  CacheTier,
  GetOrSetOptions,
  LoaderContext,
  NamespaceStats,
  SetOptions,
  TierStats,
  WarmEntry,
} from "./types.js";
export { createCache } from "./cache.js";
export { isSharedValue } from "./serialization.js";
export {
  type CacheEvent,
  type CacheEventMap,
  type EventInvalidator,
  createEventInvalidator,
  folioCacheEvents,
} from "./invalidation.js";
export {
  type CachedOptions,
  type EvictingOptions,
  type ThroughOptions,
  cached,
  evicting,
  writingThrough,
} from "./wrappers.js";
export { cacheable, cacheEvict, cacheThrough } from "./decorators.js";
export type { CacheResolver } from "./decorators.js";
