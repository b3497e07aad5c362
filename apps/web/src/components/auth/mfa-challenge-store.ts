import type { MfaChallenge, MfaMethod } from "@/lib/auth-client";

// Hands the MFA challenge from the login form to the /login/mfa page. sessionStorage rather than
// the URL: the challenge token is a credential for the second step and should not sit in the
// history or in server logs. (OAuth sign-ins arrive with it in the URL; the page removes it.)

const KEY = "folio:mfa-challenge";

export interface StoredChallenge {
  token: string;
  /** null when unknown (the OAuth redirect carries only the token): every method is offered. */
  methods: MfaMethod[] | null;
  expiresAt: number;
}

export function saveChallenge(challenge: MfaChallenge): void {
  storeChallenge({
    token: challenge.challenge_token,
    methods: challenge.methods,
    expiresAt: Date.now() + challenge.expires_in * 1000,
  });
}

export function storeChallenge(challenge: StoredChallenge): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(challenge));
  } catch {
    // Storage disabled: the MFA page will say the attempt expired and offer to start again.
  }
}

export function loadChallenge(): StoredChallenge | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as Partial<StoredChallenge>;
    if (typeof parsed.token !== "string" || typeof parsed.expiresAt !== "number") return null;
    if (parsed.expiresAt <= Date.now()) return null;
    return {
      token: parsed.token,
      methods: Array.isArray(parsed.methods) ? parsed.methods : null,
      expiresAt: parsed.expiresAt,
    };
  } catch {
    return null;
  }
}

export function clearChallenge(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
