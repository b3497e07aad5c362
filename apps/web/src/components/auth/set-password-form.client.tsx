"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { publicRequest } from "@/lib/auth-client";
import { FormAlert, SubmitButton } from "./form-controls";
import { PasswordField } from "./password-field.client";
import { PASSWORD_HINT } from "./register-form.client";
import { linkClass } from "./styles";
import { field, requireFields, useApiForm } from "./use-api-form";

/**
 * Sets a password from an emailed link: a password reset (`/auth/reset-password`) or an
 * invitation (`/auth/accept-invite`). Both take `{ token, password }` and answer 204.
 */
export function SetPasswordForm({
  token,
  endpoint,
  doneHref,
  submitLabel,
}: {
  token: string;
  endpoint: "/auth/reset-password" | "/auth/accept-invite";
  doneHref: string;
  submitLabel: string;
}) {
  const router = useRouter();
  const [linkBroken, setLinkBroken] = useState(false);
  const form = useApiForm<unknown>({
    validate: (data) => requireFields(data, { password: "new password" }),
    submit: (data) => publicRequest("POST", endpoint, { token, password: field(data, "password") }),
    describe: (problem) => {
      if (problem.slug === "invalid-token" || problem.fieldErrors.token !== undefined) {
        setLinkBroken(true);
        return "This link is invalid, has expired or was already used.";
      }
      return null;
    },
    onSuccess: () => router.push(doneHref),
  });

  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid gap-5">
      <FormAlert message={form.formError} alertRef={form.alertRef} />
      {linkBroken && endpoint === "/auth/reset-password" && (
        <Link href="/forgot-password" className={linkClass}>
          Ask for a new reset link
        </Link>
      )}
      <PasswordField
        name="password"
        label="New password"
        autoComplete="new-password"
        required
        maxLength={128}
        hint={PASSWORD_HINT}
        error={form.fieldErrors.password}
      />
      <SubmitButton pending={form.pending} pendingLabel="Saving…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
