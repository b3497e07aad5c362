"use client";

import Link from "next/link";
import { useState } from "react";
import { publicRequest } from "@/lib/auth-client";
import { FormAlert, FormStatus, SubmitButton, TextField } from "./form-controls";
import { PasswordField } from "./password-field.client";
import { linkClass, secondaryButton } from "./styles";
import { field, requireFields, useApiForm } from "./use-api-form";

export const PASSWORD_HINT =
  "At least 12 characters. A few unrelated words make a strong, memorable passphrase.";

export function RegisterForm() {
  const [registeredEmail, setRegisteredEmail] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const form = useApiForm<unknown>({
    validate: (data) =>
      requireFields(data, { display_name: "name", email: "email address", password: "password" }),
    submit: (data) =>
      publicRequest("POST", "/auth/register", {
        display_name: field(data, "display_name").trim(),
        email: field(data, "email").trim(),
        password: field(data, "password"),
      }),
    describe: (problem) =>
      problem.status === 403
        ? "New accounts cannot be created here right now. Ask the site's team for an invitation."
        : null,
    onSuccess: (_result, formElement) => setRegisteredEmail(field(new FormData(formElement), "email").trim()),
  });

  if (registeredEmail !== null) {
    return (
      <div className="grid gap-5">
        <FormStatus>
          <p className="font-semibold">Check your inbox</p>
          <p className="mt-1">
            We sent a link to <strong className="break-all">{registeredEmail}</strong>. Open it to verify your
            address, then sign in.
          </p>
        </FormStatus>
        <button
          type="button"
          className={secondaryButton}
          disabled={resent}
          onClick={() => {
            setResent(true);
            void publicRequest("POST", "/auth/resend-verification", { email: registeredEmail });
          }}
        >
          {resent ? "Link sent again" : "Send the link again"}
        </button>
        <Link href="/login" className={`${linkClass} text-center`}>
          Go to sign in
        </Link>
      </div>
    );
  }

  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid gap-5">
      <FormAlert message={form.formError} alertRef={form.alertRef} />
      <TextField
        name="display_name"
        label="Your name"
        autoComplete="name"
        maxLength={100}
        required
        error={form.fieldErrors.display_name}
        hint="Shown with your comments."
      />
      <TextField
        name="email"
        label="Email address"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        error={form.fieldErrors.email}
      />
      <PasswordField
        name="password"
        label="Password"
        autoComplete="new-password"
        required
        maxLength={128}
        hint={PASSWORD_HINT}
        error={form.fieldErrors.password}
      />
      <SubmitButton pending={form.pending} pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  );
}
