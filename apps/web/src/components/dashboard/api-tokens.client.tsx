"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { FieldError, FormAlert, FormStatus, SubmitButton, TextField } from "@/components/auth/form-controls";
import {
  dangerButton,
  inputClass,
  labelClass,
  secondaryButton,
  successBg,
  successBorder,
} from "@/components/auth/styles";
import { field, requireFields, useApiForm } from "@/components/auth/use-api-form";
import { type ApiToken, type CreatedApiToken, type ListOf, apiRequest } from "@/lib/auth-client";
import { formatDay } from "./format";
import { STEP_UP_CANCELLED, useStepUp } from "./step-up.client";

const KEY = ["me", "tokens"] as const;
const EXPIRY_OPTIONS = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "No expiry" },
];

function NewToken({ created, onDismiss }: { created: CreatedApiToken; onDismiss: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      aria-labelledby="new-token-heading"
      className={`rounded-2xl border p-6 text-fg ${successBorder} ${successBg}`}
    >
      <h2 id="new-token-heading" ref={headingRef} tabIndex={-1} className="text-lg font-bold tracking-tight">
        Your new token “{created.api_token.name}”
      </h2>
      <p className="mt-1 text-sm">Copy it now: it is shown only once and cannot be retrieved later.</p>
      <code
        data-api-token={created.token}
        className="mt-4 block break-all rounded-lg border border-line bg-bg px-3 py-2.5 font-mono text-sm"
      >
        {created.token}
      </code>
      <div className="mt-4 flex flex-wrap gap-3">
        <button
          type="button"
          className={secondaryButton}
          onClick={() =>
            void navigator.clipboard.writeText(created.token).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          Copy token
        </button>
        <button type="button" className={secondaryButton} onClick={onDismiss}>
          I have saved it
        </button>
      </div>
      <div className="mt-3">
        <FormStatus>{copied && "The token is copied to your clipboard."}</FormStatus>
      </div>
    </section>
  );
}

/** Personal API tokens: create (token shown once), list and revoke (optimistic). */
export function ApiTokens({
  initial,
  permissions,
}: {
  initial: ListOf<ApiToken>;
  permissions: readonly string[];
}) {
  const queryClient = useQueryClient();
  const runWithStepUp = useStepUp();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const tokens = useQuery({
    queryKey: KEY,
    queryFn: () => apiRequest<ListOf<ApiToken>>("GET", "/me/tokens"),
    initialData: initial,
  }).data.data;

  const form = useApiForm<CreatedApiToken>({
    validate: (data) => {
      const errors = requireFields(data, { name: "token name" });
      if (data.getAll("scopes").length === 0) errors.scopes = "Choose at least one scope.";
      return errors;
    },
    submit: (data) => {
      const expiry = field(data, "expires_in_days");
      return runWithStepUp(() =>
        apiRequest<CreatedApiToken>("POST", "/me/tokens", {
          name: field(data, "name").trim(),
          scopes: data.getAll("scopes").filter((s): s is string => typeof s === "string"),
          expires_in_days: expiry === "never" ? null : Number(expiry),
        }),
      );
    },
    describe: (problem) => (problem.slug === STEP_UP_CANCELLED ? "No token was created." : null),
    onSuccess: (result, formElement) => {
      formElement.reset();
      setCreated(result);
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });

  const revoke = useMutation({
    mutationFn: (id: string) => apiRequest("DELETE", `/me/tokens/${encodeURIComponent(id)}`),
    onMutate: async (id: string) => {
      setRevokeError(null);
      await queryClient.cancelQueries({ queryKey: KEY });
      const previous = queryClient.getQueryData<ListOf<ApiToken>>(KEY);
      if (previous !== undefined)
        queryClient.setQueryData(KEY, { data: previous.data.filter((t) => t.id !== id) });
      return { previous };
    },
    onError: (_e, _id, context) => {
      if (context?.previous !== undefined) queryClient.setQueryData(KEY, context.previous);
      setRevokeError("The token could not be revoked. Please try again.");
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });

  return (
    <div className="grid gap-10">
      {created !== null && <NewToken created={created} onDismiss={() => setCreated(null)} />}
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="text-xl font-bold tracking-tight text-fg">
          Your tokens
        </h2>
        <div className="mt-4 grid gap-3">
          <FormAlert message={revokeError} />
          {tokens.length === 0 ? (
            <p className="text-muted">You have no API tokens.</p>
          ) : (
            <ul className="grid gap-3">
              {tokens.map((token) => (
                <li
                  key={token.id}
                  className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-5 sm:flex-row sm:items-center sm:justify-between"
                >
                  <div className="min-w-0">
                    <p className="font-semibold text-fg">
                      {token.name}{" "}
                      <span className="font-mono text-sm font-normal text-muted">{token.prefix}…</span>
                    </p>
                    <p className="mt-1 text-sm text-muted">
                      Created {formatDay(token.created_at)} ·{" "}
                      {token.expires_at === null ? "never expires" : `expires ${formatDay(token.expires_at)}`}{" "}
                      · last used {formatDay(token.last_used_at)}
                    </p>
                    <p className="mt-1 break-words font-mono text-xs text-muted">{token.scopes.join(" ")}</p>
                  </div>
                  <button
                    type="button"
                    className={dangerButton}
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(token.id)}
                  >
                    Revoke<span className="sr-only"> token {token.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
      <section aria-labelledby="new-token-form-heading" className="border-t border-line pt-10">
        <h2 id="new-token-form-heading" className="text-xl font-bold tracking-tight text-fg">
          Create a token
        </h2>
        <form
          ref={form.formRef}
          onSubmit={form.handleSubmit}
          noValidate
          className="mt-5 grid max-w-2xl gap-6"
        >
          <FormAlert message={form.formError} alertRef={form.alertRef} />
          <TextField
            name="name"
            label="Name"
            hint="What the token is for, e.g. “Newsletter sync”."
            maxLength={100}
            required
            error={form.fieldErrors.name}
          />
          <fieldset aria-describedby={form.fieldErrors.scopes !== undefined ? "scopes-error" : undefined}>
            <legend className={labelClass}>Scopes</legend>
            <p className="mt-1 text-sm text-muted">
              The token can do only what you choose, and never more than you can.
            </p>
            <div className="mt-3 grid gap-2 sm:grid-cols-2">
              {permissions.map((permission) => (
                <label key={permission} className="flex items-center gap-2.5 text-sm text-fg">
                  <input
                    type="checkbox"
                    name="scopes"
                    value={permission}
                    aria-invalid={form.fieldErrors.scopes !== undefined ? true : undefined}
                    className="size-4 accent-[var(--accent)]"
                  />
                  <span className="font-mono">{permission}</span>
                </label>
              ))}
            </div>
            {form.fieldErrors.scopes !== undefined && (
              <FieldError id="scopes-error">{form.fieldErrors.scopes}</FieldError>
            )}
          </fieldset>
          <div>
            <label htmlFor="field-expires_in_days" className={labelClass}>
              Expires after
            </label>
            <select
              id="field-expires_in_days"
              name="expires_in_days"
              defaultValue="90"
              className={`${inputClass} max-w-xs`}
            >
              {EXPIRY_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <SubmitButton pending={form.pending} pendingLabel="Creating…">
              Create token
            </SubmitButton>
          </div>
        </form>
      </section>
    </div>
  );
}
