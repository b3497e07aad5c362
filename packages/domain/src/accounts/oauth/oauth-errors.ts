import { FolioError } from "@folio/core";

/** Why a flow was refused; logged and audited, never shown to the user. */
export type OAuthFailureReason =
  | "unknown-provider"
  | "state-mismatch"
  | "unknown-flow"
  | "expired-flow"
  | "provider-error"
  | "missing-code"
  | "exchange-failed"
  | "provider-unavailable"
  | "account-unavailable"
  | "email-required"
  | "registration-closed";

/**
 * A sign-in or link through a provider was refused. Every reason answers the same generic
 * problem (type .../oauth-failed, 400) so a forged callback learns nothing; browsers are sent
 * to `/login?error=<redirectError>`.
 */
export class OAuthFlowError extends FolioError {
  readonly reason: OAuthFailureReason;
  /** The `error` query parameter of the page the browser is sent back to. */
  readonly redirectError: string;
  /** Where a failed link (from settings) returns; null: the login page. */
  returnTo: string | null = null;

  constructor(reason: OAuthFailureReason, options?: ErrorOptions) {
    const known = reason === "email-required" || reason === "registration-closed";
    super({
      slug: "oauth-failed",
      title: "Sign-in Failed",
      status: 400,
      detail:
        reason === "email-required"
          ? "The provider did not share a verified email address; verify your email with the provider, or allow access to it, and try again."
          : reason === "registration-closed"
            ? "New accounts cannot be created at the moment."
            : "Signing in with the external provider failed. Please try again.",
      cause: options?.cause,
    });
    this.reason = reason;
    this.redirectError = known ? `oauth-${reason}` : "oauth";
  }
}

/**
 * The provider's email belongs to a local account, but linking by email is not safe (either
 * side has not verified it): the owner must sign in and link the provider from settings.
 */
export class OAuthLinkRequiredError extends FolioError {
  readonly redirectError = "oauth-link-required";
  returnTo: string | null = null;
  constructor() {
    super({
      slug: "oauth-link-required",
      title: "Link Required",
      status: 409,
      detail:
        "An account with this email address already exists. Sign in to it and connect the provider from your account settings.",
    });
  }
}

/** The provider identity is already linked to another user (or this user has that provider linked). */
export class OAuthAccountTakenError extends FolioError {
  readonly redirectError = "oauth-account-taken";
  returnTo: string | null = null;
  constructor() {
    super({
      slug: "oauth-account-taken",
      title: "Provider Account Taken",
      status: 409,
      detail: "This provider account is already connected to a Folio account.",
    });
  }
}

/** The user already connected an account of this provider (one per provider). */
export class OAuthAlreadyLinkedError extends FolioError {
  constructor(providerName: string) {
    super({
      slug: "oauth-already-linked",
      title: "Already Connected",
      status: 409,
      detail: `${providerName} is already connected to your account.`,
    });
  }
}

/** Unlinking would leave the account without any way to sign in (no password, no other provider). */
export class LastSignInMethodError extends FolioError {
  constructor() {
    super({
      slug: "last-sign-in-method",
      title: "Last Sign-in Method",
      status: 409,
      detail:
        "This is the only way to sign in to your account; set a password or connect another provider first.",
    });
  }
}

/** True for the errors the OAuth callback turns into a redirect to the login page. */
export function isOAuthRedirectError(
  error: unknown,
): error is OAuthFlowError | OAuthLinkRequiredError | OAuthAccountTakenError {
  return (
    error instanceof OAuthFlowError ||
    error instanceof OAuthLinkRequiredError ||
    error instanceof OAuthAccountTakenError
  );
}
