"use client";

import { useState } from "react";
import { FormAlert, FormStatus, SubmitButton, TextField } from "@/components/auth/form-controls";
import { PasswordField } from "@/components/auth/password-field.client";
import { PASSWORD_HINT } from "@/components/auth/register-form.client";
import { dangerButton } from "@/components/auth/styles";
import { field, requireFields, useApiForm } from "@/components/auth/use-api-form";
import { type ApiProblem, apiRequest } from "@/lib/auth-client";
import { STEP_UP_CANCELLED, useStepUp } from "./step-up.client";

function describeStepUp(problem: ApiProblem): string | null {
  return problem.slug === STEP_UP_CANCELLED ? "Nothing was changed." : null;
}

export function ChangePasswordForm({ email }: { email: string }) {
  const runWithStepUp = useStepUp();
  const [done, setDone] = useState(false);
  const form = useApiForm<unknown>({
    validate: (data) =>
      requireFields(data, { current_password: "current password", new_password: "new password" }),
    submit: (data) => {
      setDone(false);
      return runWithStepUp(() =>
        apiRequest("POST", "/me/password", {
          current_password: field(data, "current_password"),
          new_password: field(data, "new_password"),
        }),
      );
    },
    describe: (problem) =>
      problem.slug === "invalid-credentials"
        ? "Your current password is not right."
        : describeStepUp(problem),
    onSuccess: (_result, formElement) => {
      formElement.reset();
      setDone(true);
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid max-w-xl gap-5">
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" defaultValue={email} hidden readOnly />
      <FormAlert message={form.formError} alertRef={form.alertRef} />
      <FormStatus>{done && "Your password is changed. Your other sessions have been signed out."}</FormStatus>
      <PasswordField
        name="current_password"
        label="Current password"
        autoComplete="current-password"
        required
        error={form.fieldErrors.current_password}
      />
      <PasswordField
        name="new_password"
        label="New password"
        autoComplete="new-password"
        required
        maxLength={128}
        hint={PASSWORD_HINT}
        error={form.fieldErrors.new_password}
      />
      <div>
        <SubmitButton pending={form.pending} pendingLabel="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}

export function ChangeEmailForm({ email }: { email: string }) {
  const runWithStepUp = useStepUp();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useApiForm<string>({
    validate: (data) => requireFields(data, { new_email: "new email address" }),
    submit: async (data) => {
      const newEmail = field(data, "new_email").trim();
      await runWithStepUp(() => apiRequest("POST", "/me/email", { new_email: newEmail }));
      return newEmail;
    },
    describe: describeStepUp,
    onSuccess: (newEmail, formElement) => {
      formElement.reset();
      setSentTo(newEmail);
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid max-w-xl gap-5">
      <FormAlert message={form.formError} alertRef={form.alertRef} />
      <FormStatus>
        {sentTo !== null && (
          <>
            We sent a confirmation link to <strong className="break-all">{sentTo}</strong>. Your address
            changes when you open it; until then, keep using {email}.
          </>
        )}
      </FormStatus>
      <TextField
        name="new_email"
        label="New email address"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        error={form.fieldErrors.new_email}
        hint={
          <>
            Currently <strong className="break-all text-fg">{email}</strong>. We will also tell that address
            about the change.
          </>
        }
      />
      <div>
        <SubmitButton pending={form.pending} pendingLabel="Sending…">
          Send confirmation link
        </SubmitButton>
      </div>
    </form>
  );
}

export function SignOutEverywhereButton() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function signOutEverywhere() {
    setPending(true);
    setError(null);
    try {
      await apiRequest("POST", "/auth/logout-all", {}, { web: true });
      window.location.assign("/login?signed-out=1");
    } catch {
      setError("We could not sign you out everywhere. Please try again.");
      setPending(false);
    }
  }
  return (
    <div className="grid max-w-xl justify-items-start gap-3">
      <FormAlert message={error} />
      <button
        type="button"
        className={dangerButton}
        disabled={pending}
        onClick={() => void signOutEverywhere()}
      >
        {pending ? "Signing out…" : "Sign out on every device"}
      </button>
    </div>
  );
}
