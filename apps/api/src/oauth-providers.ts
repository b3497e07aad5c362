import {
  createGitHubProvider,
  createGoogleProvider,
  createOidcProvider,
  type OAuthProvider,
  type OAuthProviderId,
} from "@folio/auth";
import type { Config } from "@folio/config";

/** Where each provider sends the browser back: the API's callback on the public origin. */
export function oauthRedirectUri(publicUrl: string, provider: OAuthProviderId): string {
  return `${publicUrl.replace(/\/+$/, "")}/api/v1/auth/oauth/${provider}/callback`;
}

/**
 * The sign-in providers configured in `config.oauth` (OAUTH_* variables), in a fixed order:
 * GitHub, Google, then the generic OpenID Connect provider. Unconfigured ones are left out.
 */
export function buildOAuthProviders(
  config: Pick<Config, "publicUrl" | "oauth">,
  options: { fetch?: typeof fetch } = {},
): OAuthProvider[] {
  const providers: OAuthProvider[] = [];
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  const { github, google, oidc } = config.oauth;
  if (github) {
    providers.push(
      createGitHubProvider({
        clientId: github.clientId,
        clientSecret: github.clientSecret.reveal(),
        redirectUri: oauthRedirectUri(config.publicUrl, "github"),
        authorizeUrl: github.authorizeUrl,
        tokenUrl: github.tokenUrl,
        apiUrl: github.apiUrl,
        ...fetchOption,
      }),
    );
  }
  if (google) {
    providers.push(
      createGoogleProvider({
        clientId: google.clientId,
        clientSecret: google.clientSecret.reveal(),
        redirectUri: oauthRedirectUri(config.publicUrl, "google"),
        ...fetchOption,
      }),
    );
  }
  if (oidc) {
    providers.push(
      createOidcProvider({
        id: "oidc",
        displayName: oidc.name,
        issuer: oidc.issuer,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret.reveal(),
        redirectUri: oauthRedirectUri(config.publicUrl, "oidc"),
        ...fetchOption,
      }),
    );
  }
  return providers;
}
