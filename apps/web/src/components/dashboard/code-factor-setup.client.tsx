"use client";

import { useState } from "react";
import { FormAlert, FormStatus, SubmitButton, TextField } from "@/components/auth/form-controls";
import { secondaryButton } from "@/components/auth/styles";
import { field, requireFields, useApiForm } from "@/components/auth/use-api-form";
import { type ApiProblem, apiRequest } from "@/lib/auth-client";
import { STEP_UP_CANCELLED, useStepUp } from "./step-up.client";

type Kind = "email" | "sms";

function describe(problem: ApiProblem): string | null {
  if (problem.slug === STEP_UP_CANCELLED) return "Nothing was changed.";
  if (Object.keys(problem.fieldErrors).length === 0 && problem.status === 400) {
    return "That code did not match or has expired. Check it, or send a new one.";
  }
  return null;
}

/**
 * Adds email or text-message codes as a second factor: send a code (to the account's address, or
 * to the phone number entered), then confirm it.
 */
export function CodeFactorSetup({
  kind,
  email,
  onConfirmed,
}: {
  kind: Kind;
  email: string;
  onConfirmed: (recoveryCodes: string[]) => void;
}) {
  const runWithStepUp = useStepUp();
  const [sentTo, setSentTo] = useState<string | null>(null);

  const send = useApiForm<string>({
    validate: (data) => (kind === "sms" ? requireFields(data, { phone: "mobile number" }) : {}),
    submit: async (data) => {
      // E.164 without the spaces and dashes people type for readability.
      const phone = field(data, "phone").replace(/[\s().-]/g, "");
      await runWithStepUp(() =>
        kind === "sms"
          ? apiRequest("POST", "/me/mfa/sms", { phone })
          : apiRequest("POST", "/me/mfa/email", {}),
      );
      return kind === "sms" ? phone : email;
    },
    describe,
    onSuccess: (destination) => setSentTo(destination),
  });

  const confirm = useApiForm<{ recovery_codes?: string[] } | undefined>({
    validate: (data) => requireFields(data, { code: "code" }),
    submit: (data) =>
      apiRequest<{ recovery_codes?: string[] } | undefined>("POST", `/me/mfa/${kind}/confirm`, {
        code: field(data, "code").trim(),
      }),
    describe,
    onSuccess: (result) => onConfirmed(result?.recovery_codes ?? []),
  });

  return (
    <div className="grid gap-5">
      <form ref={send.formRef} onSubmit={send.handleSubmit} noValidate className="grid max-w-sm gap-4">
        <FormAlert message={send.formError} alertRef={send.alertRef} />
        {kind === "sms" && (
          <TextField
            id="sms-phone"
            name="phone"
            label="Mobile number"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            hint="With the country code, e.g. +447700900123."
            required
            error={send.fieldErrors.phone}
          />
        )}
        <div>
          <SubmitButton pending={send.pending} pendingLabel="Sending…" className={secondaryButton}>
            {sentTo === null
              ? kind === "sms"
                ? "Text me a code"
                : `Email a code to ${email}`
              : "Send a new code"}
          </SubmitButton>
        </div>
      </form>
      {sentTo !== null && (
        <form
          ref={confirm.formRef}
          onSubmit={confirm.handleSubmit}
          noValidate
          className="grid max-w-sm gap-4"
        >
          <FormStatus>
            We sent a code to <strong className="break-all">{sentTo}</strong>. It is valid for 10 minutes.
          </FormStatus>
          <FormAlert message={confirm.formError} alertRef={confirm.alertRef} />
          <TextField
            id={`${kind}-code`}
            name="code"
            label="Code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={8}
            required
            error={confirm.fieldErrors.code}
          />
          <div>
            <SubmitButton pending={confirm.pending} pendingLabel="Checking…">
              Turn on
            </SubmitButton>
          </div>
        </form>
      )}
    </div>
  );
}
