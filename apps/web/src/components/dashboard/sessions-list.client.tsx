"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormAlert, FormStatus } from "@/components/auth/form-controls";
import { dangerButton, secondaryButton, successText } from "@/components/auth/styles";
import { type AccountSession, type ListOf, apiRequest } from "@/lib/auth-client";
import { describeUserAgent, formatDateTime } from "./format";

const KEY = ["me", "sessions"] as const;

/**
 * The user's sessions, with revoke (optimistic: the row goes at once and comes back if the API
 * refuses). A revoked session stops working within the access-token lifetime; its refresh token
 * is refused immediately.
 */
export function SessionsList({ initial }: { initial: ListOf<AccountSession> }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sessions = useQuery({
    queryKey: KEY,
    queryFn: () => apiRequest<ListOf<AccountSession>>("GET", "/me/sessions"),
    initialData: initial,
  });

  // Shared by both mutations: drop the rows at once, restore them if the API refuses.
  const optimistic = <V,>(keep: (s: AccountSession, variables: V) => boolean) => ({
    onMutate: async (variables: V) => {
      setError(null);
      setMessage(null);
      await queryClient.cancelQueries({ queryKey: KEY });
      const previous = queryClient.getQueryData<ListOf<AccountSession>>(KEY);
      if (previous !== undefined)
        queryClient.setQueryData(KEY, { data: previous.data.filter((s) => keep(s, variables)) });
      return { previous };
    },
    onError: (_e: unknown, _v: V, context: { previous: ListOf<AccountSession> | undefined } | undefined) => {
      if (context?.previous !== undefined) queryClient.setQueryData(KEY, context.previous);
      setError("That did not work; nothing was signed out. Please try again.");
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });

  const revoke = useMutation({
    mutationFn: (id: string) => apiRequest("DELETE", `/me/sessions/${encodeURIComponent(id)}`),
    ...optimistic<string>((s, id) => s.id !== id),
    onSuccess: () => setMessage("The session is signed out."),
  });
  const revokeOthers = useMutation({
    mutationFn: () => apiRequest("POST", "/me/sessions/revoke-others", {}),
    ...optimistic<void>((s) => s.current),
    onSuccess: () => setMessage("Every other session is signed out."),
  });

  const list = sessions.data.data;
  const others = list.filter((s) => !s.current).length;

  return (
    <div className="grid gap-6">
      <FormAlert message={error} />
      <FormStatus>{message}</FormStatus>
      <ul className="grid gap-3" aria-label="Signed-in sessions">
        {list.map((session) => {
          const device = describeUserAgent(session.user_agent);
          return (
            <li
              key={session.id}
              className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-5 sm:flex-row sm:items-center sm:justify-between"
            >
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 font-semibold text-fg">
                  {device}
                  {session.current && (
                    <span className={`rounded-full border border-current px-2 py-0.5 text-xs ${successText}`}>
                      This browser
                    </span>
                  )}
                  {session.mfa && (
                    <span className="rounded-full border border-line px-2 py-0.5 text-xs text-muted">
                      Two-step verified
                    </span>
                  )}
                </p>
                <p className="mt-1 text-sm text-muted">
                  {session.ip ?? "Unknown address"} · signed in {formatDateTime(session.created_at)} · last
                  active {formatDateTime(session.last_seen_at)}
                </p>
              </div>
              {!session.current && (
                <button
                  type="button"
                  className={dangerButton}
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(session.id)}
                >
                  Revoke
                  <span className="sr-only">
                    {" "}
                    the session of {device}, signed in {formatDateTime(session.created_at)}
                  </span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {others > 0 && (
        <div>
          <button
            type="button"
            className={secondaryButton}
            disabled={revokeOthers.isPending}
            onClick={() => revokeOthers.mutate()}
          >
            Sign out all other sessions
          </button>
        </div>
      )}
    </div>
  );
}
