"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { type MfaMethod, type TokenResponse, isApiProblem, publicRequest } from "@/lib/auth-client";
import { FormAlert, FormStatus, SubmitButton, TextField } from "./form-controls";
import { type StoredChallenge, clearChallenge, loadChallenge, storeChallenge } from "./mfa-challenge-store";
import { linkClass, secondaryButton } from "./styles";
import { field, requireFields, useApiForm } from "./use-api-form";

const METHOD_ORDER: readonly MfaMethod[] = ["totp", "email", "sms", "recovery"];
const METHOD_LABELS: Record<MfaMethod, string> = {
  totp: "Authenticator app",
  email: "Code by email",
  sms: "Code by text message",
  recovery: "Recovery code",
};
const CODE_LABELS: Record<MfaMethod, string> = {
  totp: "6-digit code from your authenticator app",
  email: "6-digit code from the email",
  sms: "6-digit code from the text message",
  recovery: "One of your recovery codes",
};
/** How long the OAuth redirect's challenge is assumed to last when the page cannot ask (the API's is 5 minutes). */
const URL_CHALLENGE_MS = 5 * 60_000;

export function MfaChallengeForm({ urlChallenge, next }: { urlChallenge: string | null; next: string }) {
  // undefined while reading sessionStorage (it exists only in the browser).
  const [challenge, setChallenge] = useState<StoredChallenge | null | undefined>(undefined);
  const [method, setMethod] = useState<MfaMethod>("totp");
  const [sent, setSent] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    let current: StoredChallenge | null;
    if (urlChallenge !== null) {
      current = { token: urlChallenge, methods: null, expiresAt: Date.now() + URL_CHALLENGE_MS };
      storeChallenge(current);
      // Keep the token out of the history and of anything the address bar is shared with.
      const url = new URL(window.location.href);
      url.searchParams.delete("challenge");
      window.history.replaceState(window.history.state, "", url);
    } else {
      current = loadChallenge();
    }
    setChallenge(current);
    const first = METHOD_ORDER.find((m) => current?.methods?.includes(m) ?? true);
    if (first !== undefined) setMethod(first);
  }, [urlChallenge]);

  const form = useApiForm<TokenResponse>({
    validate: (data) => requireFields(data, { code: "code" }),
    submit: (data) =>
      publicRequest<TokenResponse>(
        "POST",
        "/auth/mfa/verify",
        { challenge_token: challenge?.token ?? "", method, code: field(data, "code").trim() },
        true,
      ),
    describe: (problem) => {
      if (problem.slug.includes("challenge") || problem.slug === "invalid-token") {
        setExpired(true);
        clearChallenge();
        return "This sign-in attempt has expired or had too many wrong codes. Please sign in again.";
      }
      if (
        Object.keys(problem.fieldErrors).length === 0 &&
        (problem.status === 400 || problem.status === 401)
      ) {
        return "That code is not right. Check it and try again.";
      }
      return null;
    },
    onSuccess: () => {
      clearChallenge();
      window.location.assign(next);
    },
  });

  if (challenge === undefined) {
    return <p className="text-muted">Loading…</p>;
  }
  if (challenge === null || expired) {
    return (
      <div className="grid gap-4">
        <FormAlert
          message={
            expired
              ? "This sign-in attempt has expired or had too many wrong codes."
              : "There is no sign-in waiting for a second step in this browser tab, or it has expired."
          }
        />
        <Link href={`/login?next=${encodeURIComponent(next)}`} className={linkClass}>
          Sign in again
        </Link>
      </div>
    );
  }

  const methods = METHOD_ORDER.filter((m) => challenge.methods?.includes(m) ?? true);
  const needsSending = method === "email" || method === "sms";

  async function sendCode() {
    if (challenge === null || challenge === undefined) return;
    setSending(true);
    try {
      await publicRequest("POST", "/auth/mfa/send", { challenge_token: challenge.token, method });
      setSent(method === "email" ? "We sent a code to your email address." : "We sent a code to your phone.");
    } catch (error) {
      form.fail(
        {},
        isApiProblem(error) ? (error.detail ?? error.title) : "We could not send a code. Try again.",
      );
    } finally {
      setSending(false);
    }
  }

  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid gap-5">
      <FormAlert message={form.formError} alertRef={form.alertRef} />
      {methods.length > 1 && (
        <fieldset>
          <legend className="text-sm font-semibold text-fg">Verify with</legend>
          <div className="mt-2 grid gap-2">
            {methods.map((m) => (
              <label
                key={m}
                className="flex cursor-pointer items-center gap-3 rounded-lg border border-line bg-bg px-3.5 py-2.5 text-sm text-fg has-[:checked]:border-accent"
              >
                <input
                  type="radio"
                  name="method"
                  value={m}
                  checked={method === m}
                  onChange={() => {
                    setMethod(m);
                    setSent(null);
                  }}
                  className="size-4 accent-[var(--accent)]"
                />
                {METHOD_LABELS[m]}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {needsSending && (
        <div className="grid gap-3">
          <button
            type="button"
            className={secondaryButton}
            onClick={() => void sendCode()}
            disabled={sending}
          >
            {sent === null ? "Send me a code" : "Send a new code"}
          </button>
          <FormStatus>{sent}</FormStatus>
        </div>
      )}
      <TextField
        key={method}
        name="code"
        label={CODE_LABELS[method]}
        autoComplete={method === "recovery" ? "off" : "one-time-code"}
        inputMode={method === "recovery" ? "text" : "numeric"}
        spellCheck={false}
        maxLength={method === "recovery" ? 32 : 8}
        required
        error={form.fieldErrors.code}
        hint={method === "recovery" ? "Each recovery code works once, e.g. abcde-fghij." : undefined}
      />
      <SubmitButton pending={form.pending} pendingLabel="Verifying…">
        Verify and sign in
      </SubmitButton>
    </form>
  );
}
