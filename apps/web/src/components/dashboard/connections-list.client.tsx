"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormAlert, FormStatus } from "@/components/auth/form-controls";
import { dangerButton, secondaryButton } from "@/components/auth/styles";
import {
  type Connection,
  type ListOf,
  type OAuthProvider,
  apiRequest,
  isApiProblem,
} from "@/lib/auth-client";
import { formatDay } from "./format";
import { STEP_UP_CANCELLED, useStepUp } from "./step-up.client";

const KEY = ["me", "connections"] as const;

/** Social and single sign-on accounts linked to this one: link (via the provider) and unlink. */
export function ConnectionsList({
  initial,
  providers,
}: {
  initial: ListOf<Connection>;
  providers: readonly OAuthProvider[];
}) {
  const queryClient = useQueryClient();
  const runWithStepUp = useStepUp();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const connections = useQuery({
    queryKey: KEY,
    queryFn: () => apiRequest<ListOf<Connection>>("GET", "/me/connections"),
    initialData: initial,
  }).data.data;

  const link = useMutation({
    mutationFn: (provider: string) =>
      runWithStepUp(() =>
        apiRequest<{ authorization_url: string }>(
          "POST",
          `/me/connections/${encodeURIComponent(provider)}`,
          {},
        ),
      ),
    onMutate: () => setError(null),
    // Off to the provider; it sends the browser back to the API's callback, which links the account.
    onSuccess: (result) => window.location.assign(result.authorization_url),
    onError: (e) => {
      if (!(isApiProblem(e) && e.slug === STEP_UP_CANCELLED)) {
        setError(isApiProblem(e) ? (e.detail ?? e.title) : "That did not work. Please try again.");
      }
    },
  });

  const unlink = useMutation({
    mutationFn: (provider: string) => apiRequest("DELETE", `/me/connections/${encodeURIComponent(provider)}`),
    onMutate: () => {
      setError(null);
      setMessage(null);
    },
    onSuccess: () => setMessage("The account is disconnected."),
    onError: (e) =>
      setError(
        isApiProblem(e) && e.status === 409
          ? "This is your only way to sign in. Set a password or connect another account first."
          : isApiProblem(e)
            ? (e.detail ?? e.title)
            : "That did not work. Please try again.",
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });

  if (providers.length === 0 && connections.length === 0) {
    return <p className="text-muted">No sign-in providers are configured on this site.</p>;
  }

  const names = new Map(providers.map((p) => [p.id, p.name]));
  const allIds = [...new Set([...providers.map((p) => p.id), ...connections.map((c) => c.provider)])];

  return (
    <div className="grid gap-6">
      <FormAlert message={error} />
      <FormStatus>{message}</FormStatus>
      <ul className="grid gap-3" aria-label="Sign-in providers">
        {allIds.map((id) => {
          const name = names.get(id) ?? id;
          const connection = connections.find((c) => c.provider === id);
          return (
            <li
              key={id}
              className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-5 sm:flex-row sm:items-center sm:justify-between"
            >
              <div>
                <p className="font-semibold text-fg">{name}</p>
                <p className="mt-1 text-sm text-muted">
                  {connection !== undefined
                    ? `Connected${connection.email !== null ? ` as ${connection.email}` : ""} since ${formatDay(connection.created_at)}`
                    : "Not connected"}
                </p>
              </div>
              {connection !== undefined ? (
                <button
                  type="button"
                  className={dangerButton}
                  disabled={unlink.isPending}
                  onClick={() => unlink.mutate(id)}
                >
                  Disconnect<span className="sr-only"> {name}</span>
                </button>
              ) : names.has(id) ? (
                <button
                  type="button"
                  className={secondaryButton}
                  disabled={link.isPending}
                  onClick={() => link.mutate(id)}
                >
                  Connect<span className="sr-only"> {name}</span>
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
