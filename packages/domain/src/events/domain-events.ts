import { type Cache, createEventInvalidator, folioCacheEvents } from "@folio/cache";

/** What changed about a post; the slugs let readers keyed by slug be invalidated precisely. */
export interface PostChanged {
  id: string;
  slug?: string;
  /** The slug before a rename (post.updated). */
  previousSlug?: string;
  authorSlug?: string;
  tagSlugs?: string[];
  categorySlugs?: string[];
}

export interface SlugChanged {
  slug: string;
  previousSlug?: string;
}

export interface SessionRevoked {
  sessionId: string;
  userId: string;
  /** Why, e.g. "logout", "revoked-by-user", "password-changed", "refresh-reuse". */
  reason?: string;
}

/** Domain events a write emits after its transaction committed. */
export interface DomainEventPayloads {
  "post.published": PostChanged;
  "post.updated": PostChanged;
  "post.unpublished": PostChanged;
  "post.deleted": PostChanged;
  "tag.renamed": SlugChanged;
  "tag.deleted": { slug: string };
  "category.updated": SlugChanged;
  "author.updated": SlugChanged;
  /**
   * A session ended before its time (logout, revoked from another device, password change,
   * refresh-token reuse, suspension). Realtime layers close the session's connections on it.
   */
  "session.revoked": SessionRevoked;
}

export type DomainEventType = keyof DomainEventPayloads;

export type DomainEventListener = <T extends DomainEventType>(
  type: T,
  payload: DomainEventPayloads[T],
) => void | Promise<void>;

export interface DomainEvents {
  /**
   * Announces a committed write: invalidates the cached reads it affects (in this process, in
   * Redis and, over the cache bus, in every other API process's memory) and tells the listeners.
   * Resolves with the cache tags invalidated; rejects with an AggregateError when a listener
   * failed (after all of them ran). Call it after the commit, never inside the
   * transaction, so no process reloads the old row into the cache.
   */
  emit<T extends DomainEventType>(type: T, payload: DomainEventPayloads[T]): Promise<string[]>;
  /** Adds a listener (realtime fan-out, search indexing); returns the function removing it. */
  subscribe(listener: DomainEventListener): () => void;
}

/**
 * The event hook of the services. Writes made by another process without a cache (the seed CLI,
 * `folio-db`) cannot reach a running API's cache: their changes show once the cached reads
 * expire (PUBLIC_READ_TTL_MS), or at once after an API restart.
 */
export function createDomainEvents(options: { cache?: Cache | undefined } = {}): DomainEvents {
  const invalidator = options.cache ? createEventInvalidator(options.cache, folioCacheEvents) : null;
  const listeners = new Set<DomainEventListener>();
  return {
    async emit(type, payload) {
      const tags = invalidator ? await invalidator.handle({ type, payload }) : [];
      // Every listener runs even when one fails; the failures are reported together. The write
      // itself is committed either way, so callers log this rather than report the write failed.
      const results = await Promise.allSettled(
        [...listeners].map(async (listener) => listener(type, payload)),
      );
      const reasons = results.flatMap((result): unknown[] =>
        result.status === "rejected" ? [result.reason] : [],
      );
      if (reasons.length > 0)
        throw new AggregateError(reasons, `${reasons.length} listener(s) of ${type} failed`);
      return tags;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
