"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  type ApiProblem,
  type LoginResult,
  isMfaChallenge,
  publicRequest,
  retryAfterText,
} from "@/lib/auth-client";
import { FormAlert, FormStatus, SubmitButton, TextField } from "./form-controls";
import { saveChallenge } from "./mfa-challenge-store";
import { PasswordField } from "./password-field.client";
import { secondaryButton } from "./styles";
import { field, requireFields, useApiForm } from "./use-api-form";

function describeLoginProblem(problem: ApiProblem): string | null {
  switch (problem.slug) {
    case "invalid-credentials":
      return "The email address or password is not right.";
    case "email-not-verified":
      return "Please verify your email address first: open the link we sent you, or ask for a new one below.";
    case "account-locked":
      return `This account is locked for a while after too many failed attempts. ${retryAfterText(problem.retryAfterSeconds)} You can also reset your password.`;
    default:
      return null;
  }
}

export function LoginForm({ next, initialError }: { next: string; initialError: string | null }) {
  const router = useRouter();
  const [needsVerification, setNeedsVerification] = useState(false);
  const [resent, setResent] = useState(false);
  const form = useApiForm<LoginResult>({
    validate: (data) => requireFields(data, { email: "email address", password: "password" }),
    submit: (data) =>
      publicRequest<LoginResult>(
        "POST",
        "/auth/login",
        { email: field(data, "email").trim(), password: field(data, "password") },
        true,
      ),
    describe: (problem) => {
      setNeedsVerification(problem.slug === "email-not-verified");
      setResent(false);
      return describeLoginProblem(problem);
    },
    onSuccess: (result) => {
      if (isMfaChallenge(result)) {
        saveChallenge(result);
        router.push(`/login/mfa?next=${encodeURIComponent(next)}`);
        return;
      }
      // A full page load, so the header and every server component see the new session cookies.
      window.location.assign(next);
    },
  });

  // The API only says "not verified" after the password matched, so offering a resend reveals nothing.
  async function resend() {
    const email = form.formRef.current?.querySelector<HTMLInputElement>("input[name=email]")?.value ?? "";
    try {
      await publicRequest("POST", "/auth/resend-verification", { email: email.trim() });
    } finally {
      setResent(true);
    }
  }

  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid gap-5">
      <FormAlert message={form.formError ?? initialError} alertRef={form.alertRef} />
      {needsVerification && form.formError !== null && (
        <div className="grid gap-3">
          <button type="button" className={secondaryButton} onClick={() => void resend()} disabled={resent}>
            Send the verification link again
          </button>
          <FormStatus>
            {resent && "If that address still needs verifying, a new link is on its way."}
          </FormStatus>
        </div>
      )}
      <TextField
        name="email"
        label="Email address"
        type="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        required
        error={form.fieldErrors.email}
      />
      <div>
        <PasswordField
          name="password"
          label="Password"
          autoComplete="current-password"
          required
          error={form.fieldErrors.password}
        />
        <p className="mt-2 text-right text-sm">
          <Link
            href="/forgot-password"
            className="font-medium text-accent underline-offset-4 hover:underline"
          >
            Forgot your password?
          </Link>
        </p>
      </div>
      <SubmitButton pending={form.pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
