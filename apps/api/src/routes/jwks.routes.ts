import type { AccountsService } from "@folio/domain";
import { JwksSchema, type Jwks } from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "./route-schemas.js";

/**
 * The public keys that verify Folio access tokens (RFC 7517), for services that check tokens
 * themselves. Keys rotate (AUTH_KEY_ROTATION_DAYS); a retired key stays listed until the last
 * token it signed has expired, so a cache of a few minutes is safe.
 */
export const jwksRoutes: FastifyPluginAsyncZod<{ accounts: Pick<AccountsService, "jwks"> }> = (
  app,
  { accounts },
) => {
  app.get(
    "/.well-known/jwks.json",
    {
      config: {
        permission: "public",
        publicCache: { maxAgeSeconds: 300, sharedMaxAgeSeconds: 300, staleWhileRevalidateSeconds: 60 },
      },
      schema: {
        operationId: "getJwks",
        summary: "Access-token signing keys",
        description: "JSON Web Key Set of the keys that sign access tokens (`kid` in the token header).",
        tags: ["auth"],
        response: { 200: JwksSchema, ...problemResponses(414, 500) },
        responseDescriptions: { 200: "The key set" },
      },
    },
    async (): Promise<Jwks> => await accounts.jwks(),
  );
  return Promise.resolve();
};
