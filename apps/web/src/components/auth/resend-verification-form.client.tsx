"use client";

import { useState } from "react";
import { publicRequest } from "@/lib/auth-client";
import { FormAlert, FormStatus, SubmitButton, TextField } from "./form-controls";
import { secondaryButton } from "./styles";
import { field, requireFields, useApiForm } from "./use-api-form";

/** Asks for a new verification link. The API answers 202 for any address, so this reveals nothing. */
export function ResendVerificationForm() {
  const [sent, setSent] = useState(false);
  const form = useApiForm<unknown>({
    validate: (data) => requireFields(data, { email: "email address" }),
    submit: (data) =>
      publicRequest("POST", "/auth/resend-verification", { email: field(data, "email").trim() }),
    onSuccess: () => setSent(true),
  });
  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid gap-4">
      <FormAlert message={form.formError} alertRef={form.alertRef} />
      <FormStatus>{sent && "If that address still needs verifying, a new link is on its way."}</FormStatus>
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
      <SubmitButton pending={form.pending} pendingLabel="Sending…" className={secondaryButton}>
        Send a new link
      </SubmitButton>
    </form>
  );
}
