"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { FormAlert } from "@/components/auth/form-controls";
import { inputClass, labelClass, primaryButton } from "@/components/auth/styles";
import { formatDateTime } from "@/components/dashboard/format";
import { type Note, type NoteAnchor, describeError, postsApi } from "@/lib/posts-client";
import { formText } from "./dialog.client";
import { toastError } from "./toasts.client";

// Editorial notes (staff only, never public): add one, optionally anchored to the text selected
// in the editor; resolve, reopen and delete. An anchored note selects its passage when opened.

export function NotesPanel({
  postId,
  selection,
  onShowAnchor,
}: {
  postId: string;
  /** The editor's current selection, when there is one. */
  selection: () => NoteAnchor | null;
  onShowAnchor: (anchor: NoteAnchor) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const key = ["admin", "post", postId, "notes"] as const;
  const notes = useQuery({ queryKey: key, queryFn: () => postsApi.notes(postId) });
  const [anchor, setAnchor] = useState<NoteAnchor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);

  const add = useMutation({
    mutationFn: (input: { body: string; anchor: NoteAnchor | null }) =>
      postsApi.addNote(postId, input.body, input.anchor),
    onSuccess: () => {
      setAnchor(null);
      setError(null);
    },
    onError: (e) => setError(describeError(e)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const change = useMutation({
    mutationFn: (input: { note: Note; patch: { resolved?: boolean } | "delete" }) =>
      input.patch === "delete"
        ? postsApi.deleteNote(postId, input.note.id)
        : postsApi.updateNote(postId, input.note.id, input.patch),
    onMutate: async ({ note, patch }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<{ data: Note[] }>(key);
      if (before !== undefined)
        queryClient.setQueryData(key, {
          data:
            patch === "delete"
              ? before.data.filter((n) => n.id !== note.id)
              : before.data.map((n) =>
                  n.id === note.id
                    ? { ...n, resolved_at: patch.resolved === true ? new Date().toISOString() : null }
                    : n,
                ),
        });
      return { before };
    },
    onError: (e, _v, context) => {
      if (context?.before !== undefined) queryClient.setQueryData(key, context.before);
      toastError(`The note was not changed: ${describeError(e)}`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const body = formText(new FormData(form), "body").trim();
    if (body === "") {
      setError("Write the note first.");
      return;
    }
    add.mutate({ body, anchor }, { onSuccess: () => form.reset() });
  };

  const all = notes.data?.data ?? [];
  const open = all.filter((n) => n.resolved_at === null);
  const resolved = all.filter((n) => n.resolved_at !== null);
  const list = showResolved ? [...open, ...resolved] : open;

  return (
    <div className="grid gap-4">
      <form onSubmit={submit} className="grid gap-2" noValidate>
        <FormAlert message={error} />
        <label htmlFor={`${id}-body`} className={labelClass}>
          New note
        </label>
        <textarea id={`${id}-body`} name="body" rows={3} maxLength={5000} className={inputClass} />
        {anchor !== null ? (
          <p className="text-sm text-muted">
            About: “{anchor.quote.slice(0, 80)}
            {anchor.quote.length > 80 ? "…" : ""}”{" "}
            <button
              type="button"
              className="font-medium text-accent hover:underline"
              onClick={() => setAnchor(null)}
            >
              Detach
            </button>
          </p>
        ) : (
          <button
            type="button"
            className="justify-self-start text-sm font-medium text-accent hover:underline"
            onClick={() => {
              const current = selection();
              if (current === null) setError("Select some text in the editor first.");
              else {
                setError(null);
                setAnchor(current);
              }
            }}
          >
            Attach to the selected text
          </button>
        )}
        <button
          type="submit"
          disabled={add.isPending}
          className={`${primaryButton} justify-self-start px-4 py-2`}
        >
          Add note
        </button>
      </form>
      {notes.isPending && <div aria-busy="true" className="h-16 animate-pulse rounded-lg bg-surface" />}
      {notes.isError && <p className="text-sm text-muted">{describeError(notes.error)}</p>}
      {notes.isSuccess && open.length === 0 && <p className="text-sm text-muted">No open notes.</p>}
      <ul className="grid gap-3">
        {list.map((note) => (
          <li
            key={note.id}
            className={`rounded-lg border border-line p-3 text-sm ${note.resolved_at !== null ? "opacity-70" : ""}`}
          >
            <p className="text-muted">
              {note.author?.name ?? "Someone"} · {formatDateTime(note.created_at)}
              {note.resolved_at !== null &&
                ` · resolved${note.resolved_by !== null ? ` by ${note.resolved_by.name}` : ""}`}
            </p>
            {note.anchor !== null && (
              <button
                type="button"
                onClick={() => onShowAnchor(note.anchor!)}
                className="mt-1 block text-left italic text-accent hover:underline"
              >
                “{note.anchor.quote.slice(0, 80)}
                {note.anchor.quote.length > 80 ? "…" : ""}”
                <span className="sr-only"> (select in the editor)</span>
              </button>
            )}
            <p className="mt-1 whitespace-pre-wrap text-fg">{note.body}</p>
            <div className="mt-2 flex gap-3">
              <button
                type="button"
                className="font-medium text-accent hover:underline"
                onClick={() => change.mutate({ note, patch: { resolved: note.resolved_at === null } })}
              >
                {note.resolved_at === null ? "Resolve" : "Reopen"}
              </button>
              <button
                type="button"
                className="font-medium text-muted hover:text-fg hover:underline"
                onClick={() => change.mutate({ note, patch: "delete" })}
              >
                Delete<span className="sr-only"> note</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      {resolved.length > 0 && (
        <button
          type="button"
          className="justify-self-start text-sm font-medium text-accent hover:underline"
          onClick={() => setShowResolved((v) => !v)}
        >
          {showResolved ? "Hide resolved notes" : `Show ${resolved.length} resolved`}
        </button>
      )}
    </div>
  );
}

export function HistoryPanel({ postId }: { postId: string }) {
  const history = useQuery({
    queryKey: ["admin", "post", postId, "transitions"],
    queryFn: () => postsApi.transitions(postId),
  });
  if (history.isPending) return <div aria-busy="true" className="h-16 animate-pulse rounded-lg bg-surface" />;
  if (history.isError) return <p className="text-sm text-muted">{describeError(history.error)}</p>;
  if (history.data.data.length === 0) return <p className="text-sm text-muted">No workflow steps yet.</p>;
  return (
    <ol className="grid gap-3">
      {history.data.data.map((t) => (
        <li key={t.id} className="text-sm">
          <p className="font-semibold text-fg">
            {t.action}: {t.from_status.replaceAll("_", " ")} → {t.to_status.replaceAll("_", " ")}
          </p>
          <p className="text-muted">
            {t.actor?.name ?? "Scheduler"} · {formatDateTime(t.created_at)}
          </p>
          {t.comment !== null && <p className="mt-1 whitespace-pre-wrap text-fg">“{t.comment}”</p>}
        </li>
      ))}
    </ol>
  );
}
