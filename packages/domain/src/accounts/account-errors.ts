import { FolioError } from "@folio/core";

// Problem types of the account flows. Each has its own `type` slug (clients switch on it, e.g.
// `https://folio.dev/problems/step-up-required`); messages are safe to show and never say
// whether an account exists.

function retryAfter(seconds: number): Record<string, string> {
  return { "Retry-After": String(Math.max(1, Math.ceil(seconds))) };
}

/** Wrong email or password, or an account that cannot sign in with a password: one answer for all. */
export class InvalidCredentialsError extends FolioError {
  constructor() {
    super({
      slug: "invalid-credentials",
      title: "Invalid Credentials",
      status: 401,
      detail: "The email address or password is incorrect.",
    });
  }
}

/** Too many failed sign-ins for this account (or address): locked for a while. Same for unknown emails. */
export class AccountLockedError extends FolioError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super({
      slug: "account-locked",
      title: "Account Locked",
      status: 429,
      detail:
        "Too many failed sign-in attempts. Try again later, or reset your password to unlock the account.",
      headers: retryAfter(retryAfterSeconds),
    });
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/** Back-off between failed attempts (before any lock). */
export class LoginThrottledError extends FolioError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super({
      slug: "rate-limited",
      title: "Too Many Requests",
      status: 429,
      detail: `Too many attempts; retry after ${seconds} second${seconds === 1 ? "" : "s"}.`,
      headers: retryAfter(seconds),
    });
    this.retryAfterSeconds = seconds;
  }
}

/** Only after the password was verified, so it reveals nothing to someone without it. */
export class EmailNotVerifiedError extends FolioError {
  constructor() {
    super({
      slug: "email-not-verified",
      title: "Email Not Verified",
      status: 403,
      detail: "Confirm your email address first: follow the link we sent you, or ask for a new one.",
    });
  }
}

/** Only after the password was verified. */
export class AccountSuspendedError extends FolioError {
  constructor() {
    super({
      slug: "account-suspended",
      title: "Account Suspended",
      status: 403,
      detail: "This account is suspended. Contact the site's administrators.",
    });
  }
}

export class RegistrationClosedError extends FolioError {
  constructor() {
    super({
      slug: "registration-closed",
      title: "Registration Closed",
      status: 403,
      detail: "New accounts cannot be created at the moment.",
    });
  }
}

/** An emailed link's token that is unknown, expired or already used. */
export class InvalidOneTimeTokenError extends FolioError {
  constructor() {
    super({
      slug: "invalid-token",
      title: "Invalid Token",
      status: 400,
      detail: "This link is invalid or has expired. Request a new one.",
    });
  }
}

/** A refresh token that is unknown, expired, or whose session ended. */
export class InvalidRefreshTokenError extends FolioError {
  constructor() {
    super({
      slug: "invalid-refresh-token",
      title: "Unauthorized",
      status: 401,
      detail: "The session has ended. Sign in again.",
    });
  }
}

/** A rotated refresh token came back: someone has a copy. The session was revoked. */
export class RefreshTokenReusedError extends FolioError {
  constructor() {
    super({
      slug: "refresh-token-reused",
      title: "Refresh Token Reused",
      status: 401,
      detail: "This refresh token was already used, so the session was ended for safety. Sign in again.",
    });
  }
}

/** The MFA challenge is unknown, expired, used or burnt by too many wrong codes. */
export class InvalidChallengeError extends FolioError {
  constructor() {
    super({
      slug: "invalid-challenge",
      title: "Invalid Challenge",
      status: 401,
      detail: "The sign-in attempt has expired. Sign in again.",
    });
  }
}

/**
 * A wrong second-factor code. 401 while signing in (the caller is not authenticated yet); 400
 * when a signed-in user confirms an enrolment or steps up, so clients do not mistake it for an
 * expired access token.
 */
export class InvalidCodeError extends FolioError {
  constructor(status: 400 | 401 = 401) {
    super({
      slug: "invalid-code",
      title: "Invalid Code",
      status,
      detail: "The code is incorrect or has expired.",
    });
  }
}

export class StepUpRequiredError extends FolioError {
  constructor() {
    super({
      slug: "step-up-required",
      title: "Re-authentication Required",
      status: 403,
      detail: "Confirm your password (and second factor) first: POST /api/v1/auth/step-up.",
    });
  }
}

export class MfaEnrolmentRequiredError extends FolioError {
  constructor() {
    super({
      slug: "mfa-enrolment-required",
      title: "MFA Enrolment Required",
      status: 403,
      detail: "Your role requires two-factor authentication. Set up a second factor to continue.",
    });
  }
}

export class MfaRequiredByRoleError extends FolioError {
  constructor() {
    super({
      slug: "mfa-required-by-role",
      title: "MFA Required by Role",
      status: 403,
      detail: "Your role requires two-factor authentication; enrol another factor before removing this one.",
    });
  }
}

export class CsrfFailedError extends FolioError {
  constructor() {
    super({
      slug: "csrf-failed",
      title: "CSRF Check Failed",
      status: 403,
      detail: "The request is missing a valid X-CSRF-Token header, or comes from a foreign origin.",
    });
  }
}

/** Too many codes sent in a short time. */
export class TooManyCodesError extends FolioError {
  constructor(retryAfterSeconds: number) {
    super({
      slug: "rate-limited",
      title: "Too Many Requests",
      status: 429,
      detail: "Too many codes were sent recently. Wait a few minutes and try again.",
      headers: retryAfter(retryAfterSeconds),
    });
  }
}
