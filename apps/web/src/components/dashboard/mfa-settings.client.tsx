"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { FormAlert, FormStatus } from "@/components/auth/form-controls";
import { dangerButton, secondaryButton, successText } from "@/components/auth/styles";
import { type MfaFactorKind, type MfaStatus, apiRequest, isApiProblem } from "@/lib/auth-client";
import { CodeFactorSetup } from "./code-factor-setup.client";
import { formatDay } from "./format";
import { RecoveryCodes } from "./recovery-codes.client";
import { STEP_UP_CANCELLED, useStepUp } from "./step-up.client";
import { TotpSetup } from "./totp-setup.client";

const KEY = ["me", "mfa"] as const;

const FACTORS: { kind: MfaFactorKind; title: string; description: string }[] = [
  {
    kind: "totp",
    title: "Authenticator app",
    description: "Codes from an app on your phone. Works offline; the most reliable choice.",
  },
  {
    kind: "email",
    title: "Email codes",
    description: "A code sent to your email address each time you sign in.",
  },
  {
    kind: "sms",
    title: "Text message codes",
    description: "A code sent to your mobile phone each time you sign in.",
  },
];

function FactorCard({ title, status, children }: { title: string; status: ReactNode; children: ReactNode }) {
  return (
    <section className="rounded-2xl border border-line bg-surface p-6" aria-label={title}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-bold tracking-tight text-fg">{title}</h2>
        <p className="text-sm">{status}</p>
      </div>
      <div className="mt-3">{children}</div>
    </section>
  );
}

export function MfaSettings({ initial, email }: { initial: MfaStatus; email: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const runWithStepUp = useStepUp();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [open, setOpen] = useState<MfaFactorKind | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = useQuery({
    queryKey: KEY,
    queryFn: () => apiRequest<MfaStatus>("GET", "/me/mfa"),
    initialData: initial,
  }).data;

  const confirmed = (kind: MfaFactorKind) => status.factors.find((f) => f.kind === kind && f.confirmed);
  const enabledCount = status.factors.filter((f) => f.confirmed).length;

  async function afterChange(text: string | null) {
    setMessage(text);
    await queryClient.invalidateQueries({ queryKey: KEY });
    // The navigation and the "required" banner come from the server render.
    router.refresh();
  }

  function onConfirmed(kind: MfaFactorKind, recoveryCodes: string[]) {
    setOpen(null);
    const name = FACTORS.find((f) => f.kind === kind)?.title ?? "The method";
    if (recoveryCodes.length > 0) setCodes(recoveryCodes);
    void afterChange(`${name} is on. You will be asked for a code when you sign in.`);
  }

  async function act(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await runWithStepUp(action);
      await afterChange(done);
    } catch (e) {
      if (isApiProblem(e) && e.slug === STEP_UP_CANCELLED) return;
      setError(
        isApiProblem(e) && e.slug === "mfa-required-by-role"
          ? "Your role requires two-step verification, so you cannot remove your last method."
          : isApiProblem(e)
            ? (e.detail ?? e.title)
            : "That did not work. Please try again.",
      );
    } finally {
      setBusy(false);
    }
  }

  if (codes !== null) {
    return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  }

  return (
    <div className="grid gap-6">
      <FormAlert message={error} />
      <FormStatus>{message}</FormStatus>
      {FACTORS.map(({ kind, title, description }) => {
        const factor = confirmed(kind);
        return (
          <FactorCard
            key={kind}
            title={title}
            status={
              factor !== undefined ? (
                <span className={`font-semibold ${successText}`}>
                  On since {formatDay(factor.created_at)}
                </span>
              ) : (
                <span className="text-muted">Off</span>
              )
            }
          >
            <p className="max-w-2xl text-muted">
              {description}
              {factor?.phone_hint != null && ` Codes go to ${factor.phone_hint}.`}
            </p>
            <div className="mt-4">
              {factor !== undefined ? (
                <button
                  type="button"
                  className={dangerButton}
                  disabled={busy}
                  onClick={() =>
                    void act(() => apiRequest("DELETE", `/me/mfa/${kind}`), `${title} is turned off.`)
                  }
                >
                  Turn off<span className="sr-only"> {title.toLowerCase()}</span>
                </button>
              ) : kind === "totp" ? (
                <TotpSetup onConfirmed={(c) => onConfirmed(kind, c)} />
              ) : open === kind ? (
                <CodeFactorSetup kind={kind} email={email} onConfirmed={(c) => onConfirmed(kind, c)} />
              ) : (
                <button type="button" className={secondaryButton} onClick={() => setOpen(kind)}>
                  Set up<span className="sr-only"> {title.toLowerCase()}</span>
                </button>
              )}
            </div>
          </FactorCard>
        );
      })}
      <FactorCard
        title="Recovery codes"
        status={
          enabledCount > 0 ? (
            <span className="text-muted">{status.recovery_codes_remaining} left</span>
          ) : (
            <span className="text-muted">Available once a method is on</span>
          )
        }
      >
        <p className="max-w-2xl text-muted">
          Single-use codes for when you cannot use your other methods. Making new ones cancels the old ones.
        </p>
        {enabledCount > 0 && (
          <button
            type="button"
            className={`${secondaryButton} mt-4`}
            disabled={busy}
            onClick={() =>
              void act(async () => {
                const result = await apiRequest<{ recovery_codes: string[] }>(
                  "POST",
                  "/me/recovery-codes",
                  {},
                );
                setCodes(result.recovery_codes);
              }, "New recovery codes are ready; the old ones no longer work.")
            }
          >
            Make new recovery codes
          </button>
        )}
      </FactorCard>
    </div>
  );
}
