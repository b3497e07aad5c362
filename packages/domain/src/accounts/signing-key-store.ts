import type { JwtAlgorithm, SigningKeyStore, StoredSigningKey } from "@folio/auth";
import { SigningKeysRepository, type Database, type SigningKeyRow } from "@folio/database";

function toStored(row: SigningKeyRow): StoredSigningKey {
  return {
    kid: row.kid,
    alg: row.alg as JwtAlgorithm,
    publicJwk: row.publicJwk,
    privateJwkSealed: row.privateJwkSealed,
    createdAt: row.createdAt,
    activatesAt: row.activatesAt,
    retiresAt: row.retiresAt,
    expiresAt: row.expiresAt,
  };
}

/**
 * @folio/auth's SigningKeyStore over the `signing_keys` table, so every API process signs with
 * and verifies against the same keys. Private keys arrive already sealed (AES-256-GCM under
 * AUTH_SECRET) by the access-token issuer; this store never sees them in the clear.
 */
export function createSigningKeyStore(database: Database): SigningKeyStore {
  const keys = new SigningKeysRepository(database);
  return {
    async list() {
      return (await keys.list()).map(toStored);
    },
    async insert(key) {
      await keys.insert({
        kid: key.kid,
        alg: key.alg,
        publicJwk: { ...key.publicJwk },
        privateJwkSealed: key.privateJwkSealed,
        createdAt: key.createdAt,
        activatesAt: key.activatesAt,
        retiresAt: key.retiresAt,
        expiresAt: key.expiresAt,
      });
    },
    deleteExpired(now) {
      return keys.deleteExpired(now);
    },
  };
}
