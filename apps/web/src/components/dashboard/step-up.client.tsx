"use client";

import { type ReactNode, createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { ApiProblem, type MfaFactorKind, type MfaMethod, apiRequest, isApiProblem } from "@/lib/auth-client";
import { FormAlert, FormStatus, SubmitButton, TextField } from "@/components/auth/form-controls";
import { PasswordField } from "@/components/auth/password-field.client";
import { secondaryButton } from "@/components/auth/styles";
import { field, requireFields, useApiForm } from "@/components/auth/use-api-form";

// Sensitive changes (password, email, MFA, API tokens) need a recent re-authentication: the API
// answers 403 `step-up-required` when the last one is older than 15 minutes. Actions run through
// `useStepUp()`; on that answer a modal asks for the password (plus a code from a second factor
// when the account has one), then the action is retried once.

type RunWithStepUp = <T>(action: () => Promise<T>) => Promise<T>;

const StepUpContext = createContext<RunWithStepUp | null>(null);

/** Thrown to the caller when the person closes the dialog instead of confirming. */
export const STEP_UP_CANCELLED = "step-up-cancelled";

export function useStepUp(): RunWithStepUp {
  const run = useContext(StepUpContext);
  if (run === null) throw new Error("useStepUp needs a <StepUpProvider> above it");
  return run;
}

interface Pending {
  resolve: () => void;
  reject: (error: unknown) => void;
}

const METHOD_LABELS: Record<MfaMethod, string> = {
  totp: "Authenticator app",
  email: "Code by email",
  sms: "Code by text message",
  recovery: "Recovery code",
};

export function StepUpProvider({
  factors,
  children,
}: {
  factors: readonly MfaFactorKind[];
  children: ReactNode;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const pending = useRef<Pending | null>(null);
  const [open, setOpen] = useState(false);
  const methods: MfaMethod[] = factors.length === 0 ? [] : [...factors, "recovery"];
  const firstMethod: MfaMethod | null = methods[0] ?? null;
  const [method, setMethod] = useState<MfaMethod | null>(firstMethod);
  const [codeSent, setCodeSent] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const finish = useCallback((outcome: "confirmed" | "cancelled") => {
    const waiting = pending.current;
    pending.current = null;
    setOpen(false);
    if (waiting === null) return;
    if (outcome === "confirmed") waiting.resolve();
    else
      waiting.reject(
        new ApiProblem({
          status: 403,
          type: STEP_UP_CANCELLED,
          detail: "Confirm your password to make this change.",
        }),
      );
  }, []);

  const run = useCallback<RunWithStepUp>(
    async (action) => {
      try {
        return await action();
      } catch (error) {
        if (!isApiProblem(error) || error.slug !== "step-up-required") throw error;
        await new Promise<void>((resolve, reject) => {
          pending.current?.reject(error);
          pending.current = { resolve, reject };
          setMethod(firstMethod);
          setCodeSent(null);
          setOpen(true);
        });
        return action();
      }
    },
    [firstMethod],
  );

  const form = useApiForm<unknown>({
    validate: (data) =>
      requireFields(
        data,
        method !== null ? { password: "password", code: "code" } : { password: "password" },
      ),
    submit: (data) =>
      apiRequest("POST", "/auth/step-up", {
        password: field(data, "password"),
        ...(method !== null ? { method, code: field(data, "code").trim() } : {}),
      }),
    describe: (problem) =>
      problem.status === 401 || problem.status === 400
        ? Object.keys(problem.fieldErrors).length > 0
          ? null
          : "That did not match. Check your code and try again."
        : null,
    onSuccess: (_result, formElement) => {
      formElement.reset();
      finish("confirmed");
    },
  });

  async function sendCode(kind: "email" | "sms") {
    try {
      await apiRequest("POST", "/auth/step-up/send", { method: kind });
      setCodeSent(
        kind === "email" ? "We sent a code to your email address." : "We sent a code to your phone.",
      );
    } catch (error) {
      form.fail({}, isApiProblem(error) ? (error.detail ?? error.title) : "We could not send a code.");
    }
  }

  return (
    <StepUpContext.Provider value={run}>
      {children}
      <dialog
        ref={dialogRef}
        aria-labelledby="step-up-title"
        aria-describedby="step-up-description"
        onClose={() => finish("cancelled")}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-line bg-bg p-6 text-fg shadow-xl backdrop:bg-black/60 sm:p-8"
      >
        {open && (
          <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid gap-5">
            <div>
              <h2 id="step-up-title" className="text-xl font-bold tracking-tight">
                Confirm it is you
              </h2>
              <p id="step-up-description" className="mt-1 text-sm text-muted">
                This change needs a recent sign-in. You will not be asked again for 15 minutes.
              </p>
            </div>
            <FormAlert message={form.formError} alertRef={form.alertRef} />
            <PasswordField
              id="step-up-password"
              name="password"
              label="Password"
              autoComplete="current-password"
              required
              error={form.fieldErrors.password}
            />
            {method !== null && (
              <div className="grid gap-4">
                {methods.length > 1 && (
                  <div>
                    <label htmlFor="step-up-method" className="block text-sm font-semibold text-fg">
                      Second factor
                    </label>
                    <select
                      id="step-up-method"
                      value={method}
                      onChange={(e) => {
                        setMethod(e.target.value as MfaMethod);
                        setCodeSent(null);
                      }}
                      className="mt-1.5 block w-full rounded-lg border border-line bg-bg px-3.5 py-2.5 text-base text-fg"
                    >
                      {methods.map((m) => (
                        <option key={m} value={m}>
                          {METHOD_LABELS[m]}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                {(method === "email" || method === "sms") && (
                  <div className="grid gap-2">
                    <button type="button" className={secondaryButton} onClick={() => void sendCode(method)}>
                      {codeSent === null ? "Send me a code" : "Send a new code"}
                    </button>
                    <FormStatus>{codeSent}</FormStatus>
                  </div>
                )}
                <TextField
                  key={method}
                  id="step-up-code"
                  name="code"
                  label={method === "recovery" ? "Recovery code" : "Code"}
                  autoComplete={method === "recovery" ? "off" : "one-time-code"}
                  inputMode={method === "recovery" ? "text" : "numeric"}
                  spellCheck={false}
                  required
                  error={form.fieldErrors.code}
                />
              </div>
            )}
            <div className="flex flex-wrap justify-end gap-3">
              <button type="button" className={secondaryButton} onClick={() => finish("cancelled")}>
                Cancel
              </button>
              <SubmitButton pending={form.pending} pendingLabel="Checking…">
                Confirm
              </SubmitButton>
            </div>
          </form>
        )}
      </dialog>
    </StepUpContext.Provider>
  );
}
