import { z } from "zod";
import { TimestampSchema } from "./common.js";

// Social sign-in (OAuth 2 / OpenID Connect) and connected accounts.

export const OAuthProviderIdValues = ["github", "google", "oidc"] as const;
export const OAuthProviderIdSchema = z.enum(OAuthProviderIdValues).meta({
  description: "A sign-in provider: github, google, or the configured OpenID Connect provider (oidc)",
});
export type OAuthProviderId = z.infer<typeof OAuthProviderIdSchema>;

export const OAuthProviderSummarySchema = z
  .object({ id: OAuthProviderIdSchema, name: z.string() })
  .meta({ id: "OAuthProvider" });
export type OAuthProviderSummary = z.infer<typeof OAuthProviderSummarySchema>;

export const OAuthProviderListSchema = z
  .object({ data: z.array(OAuthProviderSummarySchema) })
  .meta({ id: "OAuthProviderList" });
export type OAuthProviderList = z.infer<typeof OAuthProviderListSchema>;

export const OAuthProviderParamsSchema = z.strictObject({ provider: OAuthProviderIdSchema });
export type OAuthProviderParams = z.infer<typeof OAuthProviderParamsSchema>;

/** Where to land after signing in: a path on this site (absolute URLs are refused). */
export const RedirectToSchema = z
  .string()
  .min(1)
  .max(2048)
  .meta({ description: "A path on this site to return to, e.g. /dashboard", example: "/dashboard" });

export const OAuthStartQuerySchema = z.strictObject({ redirect_to: RedirectToSchema.optional() });
export type OAuthStartQuery = z.infer<typeof OAuthStartQuerySchema>;

const callbackParam = z.string().max(2048);
/**
 * What the provider appends to the callback URL. Not strict: providers add parameters of their
 * own (`scope`, `iss`, `session_state`, …), which are ignored.
 */
export const OAuthCallbackQuerySchema = z.object({
  code: callbackParam.optional(),
  state: callbackParam.optional(),
  error: callbackParam.optional(),
  error_description: callbackParam.optional(),
});
export type OAuthCallbackQuery = z.infer<typeof OAuthCallbackQuerySchema>;

export const ConnectionSchema = z
  .object({
    provider: OAuthProviderIdSchema,
    email: z.string().nullable().meta({ description: "The email address the provider reported" }),
    created_at: TimestampSchema,
  })
  .meta({ id: "Connection" });
export type Connection = z.infer<typeof ConnectionSchema>;

export const ConnectionListSchema = z
  .object({ data: z.array(ConnectionSchema) })
  .meta({ id: "ConnectionList" });
export type ConnectionList = z.infer<typeof ConnectionListSchema>;

export const LinkProviderBodySchema = z.strictObject({ redirect_to: RedirectToSchema.optional() });
export type LinkProviderBody = z.infer<typeof LinkProviderBodySchema>;

export const AuthorizationUrlSchema = z
  .object({
    authorization_url: z.url().meta({ description: "Open it in the browser that made this request" }),
  })
  .meta({ id: "AuthorizationUrl" });
export type AuthorizationUrl = z.infer<typeof AuthorizationUrlSchema>;
