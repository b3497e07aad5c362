"use client";

import { useState } from "react";
import { publicRequest } from "@/lib/auth-client";
import { FormAlert, FormStatus, SubmitButton, TextField } from "./form-controls";
import { field, requireFields, useApiForm } from "./use-api-form";

export function ForgotPasswordForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useApiForm<unknown>({
    validate: (data) => requireFields(data, { email: "email address" }),
    submit: (data) => publicRequest("POST", "/auth/forgot-password", { email: field(data, "email").trim() }),
    onSuccess: (_result, formElement) => setSentTo(field(new FormData(formElement), "email").trim()),
  });

  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid gap-5">
      <FormAlert message={form.formError} alertRef={form.alertRef} />
      {/* The answer is the same whether or not the address has an account: nothing to enumerate. */}
      <FormStatus>
        {sentTo !== null && (
          <>
            If <strong className="break-all">{sentTo}</strong> belongs to an account, a link to choose a new
            password is on its way. It works once, for 30 minutes.
          </>
        )}
      </FormStatus>
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
      <SubmitButton pending={form.pending} pendingLabel="Sending…">
        {sentTo === null ? "Email me a reset link" : "Send another link"}
      </SubmitButton>
    </form>
  );
}
