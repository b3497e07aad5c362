import type { JWK } from "jose";

export type JwtAlgorithm = "EdDSA" | "ES256";

/** A signing key as persisted; the private half is sealed with the SecretBox (context `jwt-signing-key:<kid>`). */
export interface StoredSigningKey {
  kid: string;
  alg: JwtAlgorithm;
  publicJwk: JWK;
  privateJwkSealed: string;
  createdAt: Date;
  /** From when it may sign. */
  activatesAt: Date;
  /** From when it no longer signs. */
  retiresAt: Date;
  /** From when it no longer verifies: after `retiresAt` plus the longest token lifetime. */
  expiresAt: Date;
}

/** Persistence port for signing keys; packages/domain implements it over the database. */
export interface SigningKeyStore {
  list(): Promise<StoredSigningKey[]>;
  insert(key: StoredSigningKey): Promise<void>;
  /** Deletes keys whose `expiresAt` is at or before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

/** A deep copy, so a store and the key cache never share mutable Dates. */
export function copySigningKey(key: StoredSigningKey): StoredSigningKey {
  return {
    ...key,
    publicJwk: { ...key.publicJwk },
    createdAt: new Date(key.createdAt),
    activatesAt: new Date(key.activatesAt),
    retiresAt: new Date(key.retiresAt),
    expiresAt: new Date(key.expiresAt),
  };
}

/** An in-memory SigningKeyStore for tests and single-process embedders (keys die with the process). */
export function createMemorySigningKeyStore(initial: readonly StoredSigningKey[] = []): SigningKeyStore {
  const keys = new Map<string, StoredSigningKey>(initial.map((k) => [k.kid, copySigningKey(k)]));
  return {
    list() {
      return Promise.resolve([...keys.values()].map(copySigningKey));
    },
    insert(key) {
      if (keys.has(key.kid)) return Promise.reject(new Error(`signing key ${key.kid} already exists`));
      keys.set(key.kid, copySigningKey(key));
      return Promise.resolve();
    },
    deleteExpired(now) {
      let deleted = 0;
      for (const [kid, key] of keys) {
        if (key.expiresAt.getTime() <= now.getTime()) {
          keys.delete(kid);
          deleted += 1;
        }
      }
      return Promise.resolve(deleted);
    },
  };
}

// Private JWK members; never published even if a store hands them back by mistake.
const PRIVATE_JWK_MEMBERS = new Set(["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"]);

export function publicMembers(jwk: JWK): JWK {
  return Object.fromEntries(Object.entries(jwk).filter(([name]) => !PRIVATE_JWK_MEMBERS.has(name)));
}

/** The SecretBox context a key's private half is sealed under. */
export function signingKeyContext(kid: string): string {
  return `jwt-signing-key:${kid}`;
}

/** Later activation wins; ties (a rotate() in the same millisecond) go to the later-created key. */
export function isNewerKey(a: StoredSigningKey, b: StoredSigningKey): boolean {
  const byActivation = a.activatesAt.getTime() - b.activatesAt.getTime();
  if (byActivation !== 0) return byActivation > 0;
  const byCreation = a.createdAt.getTime() - b.createdAt.getTime();
  if (byCreation !== 0) return byCreation > 0;
  // kids are UUIDv7, ordered by creation within a process.
  return a.kid > b.kid;
}
