"use client";

import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { FormAlert, SubmitButton, TextField } from "@/components/auth/form-controls";
import { primaryButton, secondaryButton } from "@/components/auth/styles";
import { field, requireFields, useApiForm } from "@/components/auth/use-api-form";
import { type TotpEnrolment, apiRequest, isApiProblem } from "@/lib/auth-client";
import { STEP_UP_CANCELLED, useStepUp } from "./step-up.client";

/** The secret in groups of four, as authenticator apps show and accept it. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

/**
 * Adds an authenticator app: the API creates an unconfirmed factor and returns its secret, the
 * page shows it as a QR code (drawn here, so the secret never leaves the browser for an image
 * service) and as text, and the first code from the app confirms it.
 */
export function TotpSetup({ onConfirmed }: { onConfirmed: (recoveryCodes: string[]) => void }) {
  const runWithStepUp = useStepUp();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  useEffect(() => {
    if (enrolment === null) return;
    let cancelled = false;
    // Dark modules on white whatever the theme: scanners expect that contrast.
    QRCode.toString(enrolment.otpauth_uri, {
      type: "svg",
      errorCorrectionLevel: "M",
      margin: 2,
      color: { dark: "#000000", light: "#ffffff" },
    }).then(
      (svg) => {
        if (!cancelled) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      },
      () => {
        if (!cancelled) setQr(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [enrolment]);

  async function start() {
    setStarting(true);
    setStartError(null);
    try {
      setEnrolment(await runWithStepUp(() => apiRequest<TotpEnrolment>("POST", "/me/mfa/totp", {})));
    } catch (error) {
      if (!(isApiProblem(error) && error.slug === STEP_UP_CANCELLED)) {
        setStartError(isApiProblem(error) ? (error.detail ?? error.title) : "We could not start the set-up.");
      }
    } finally {
      setStarting(false);
    }
  }

  const form = useApiForm<{ recovery_codes?: string[] }>({
    validate: (data) => requireFields(data, { code: "6-digit code" }),
    submit: (data) =>
      apiRequest<{ recovery_codes?: string[] }>("POST", "/me/mfa/totp/confirm", {
        code: field(data, "code").trim(),
      }),
    describe: (problem) =>
      Object.keys(problem.fieldErrors).length === 0 && problem.status === 400
        ? "That code did not match. Check the time on your phone and enter the newest code."
        : null,
    onSuccess: (result) => onConfirmed(result?.recovery_codes ?? []),
  });

  if (enrolment === null) {
    return (
      <div className="grid justify-items-start gap-3">
        <FormAlert message={startError} />
        <button type="button" className={primaryButton} disabled={starting} onClick={() => void start()}>
          {starting ? "Starting…" : "Set up an authenticator app"}
        </button>
      </div>
    );
  }

  return (
    <div className="grid gap-6 rounded-xl border border-line bg-bg p-5 sm:grid-cols-[auto_1fr] sm:p-6">
      <div className="justify-self-center">
        {qr !== null ? (
          <img
            src={qr}
            alt="QR code for your authenticator app. If you cannot scan it, type the setup key shown next to it."
            width={192}
            height={192}
            className="size-48 rounded-lg border border-line bg-white"
          />
        ) : (
          <div className="size-48 rounded-lg border border-line bg-surface" aria-hidden="true" />
        )}
      </div>
      <div className="grid content-start gap-5">
        <ol className="list-decimal space-y-2 pl-5 text-sm text-fg">
          <li>Open an authenticator app (1Password, Google Authenticator, Aegis…) and scan the QR code.</li>
          <li>
            Or type this setup key:{" "}
            <code
              data-totp-secret={enrolment.secret}
              className="mt-1 block break-all rounded-md border border-line bg-surface px-2.5 py-1.5 font-mono text-sm tracking-wider"
            >
              {groupSecret(enrolment.secret)}
            </code>
          </li>
          <li>Enter the 6-digit code the app shows.</li>
        </ol>
        <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid max-w-xs gap-4">
          <FormAlert message={form.formError} alertRef={form.alertRef} />
          <TextField
            id="totp-code"
            name="code"
            label="6-digit code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={8}
            spellCheck={false}
            required
            error={form.fieldErrors.code}
          />
          <div className="flex flex-wrap gap-3">
            <SubmitButton pending={form.pending} pendingLabel="Checking…">
              Turn on
            </SubmitButton>
            <button type="button" className={secondaryButton} onClick={() => setEnrolment(null)}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
