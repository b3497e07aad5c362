"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FormAlert } from "@/components/auth/form-controls";
import { primaryButton, secondaryButton } from "@/components/auth/styles";
import { formatDateTime } from "@/components/dashboard/format";
import { type RevisionDiff, describeError, postsApi } from "@/lib/posts-client";
import { Modal } from "./dialog.client";

// Revisions: the list (newest first), pick one to compare with the post as it is now or two to
// compare with each other, the word diff of the text and the changed fields, and restore (as a
// new revision) after a confirmation.

const KIND_LABELS = { save: "Saved", autosave: "Autosave", restore: "Restored" } as const;

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

export function DiffView({ diff }: { diff: RevisionDiff }) {
  return (
    <div className="grid gap-4">
      {diff.fields.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Changed fields</caption>
          <thead className="text-xs uppercase tracking-wider text-muted">
            <tr>
              <th scope="col" className="py-1 pr-2">
                Field
              </th>
              <th scope="col" className="py-1 pr-2">
                Before
              </th>
              <th scope="col" className="py-1">
                After
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line align-top">
            {diff.fields.map((f) => (
              <tr key={f.field}>
                <th scope="row" className="py-1 pr-2 font-semibold">
                  {f.field.replaceAll("_", " ")}
                </th>
                <td className="break-all py-1 pr-2">
                  <del className="bg-[color:light-dark(#fee4e2,#55160c)] text-fg">{show(f.before)}</del>
                </td>
                <td className="break-all py-1">
                  <ins className="bg-[color:light-dark(#dcfae6,#053321)] text-fg no-underline">
                    {show(f.after)}
                  </ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TextDiff parts={diff.content} />
    </div>
  );
}

export function TextDiff({
  parts,
}: {
  parts: readonly { op: "equal" | "insert" | "delete"; text: string }[];
}) {
  if (!parts.some((p) => p.op !== "equal"))
    return <p className="text-sm text-muted">The text is the same.</p>;
  return (
    <div className="max-h-96 overflow-y-auto whitespace-pre-wrap rounded-lg border border-line p-3 text-sm leading-relaxed text-fg">
      {parts.map((part, i) =>
        part.op === "equal" ? (
          <span key={i}>{part.text}</span>
        ) : part.op === "insert" ? (
          <ins key={i} className="bg-[color:light-dark(#dcfae6,#053321)] no-underline">
            <span className="sr-only">[added: </span>
            {part.text}
            <span className="sr-only">]</span>
          </ins>
        ) : (
          <del key={i} className="bg-[color:light-dark(#fee4e2,#55160c)]">
            <span className="sr-only">[removed: </span>
            {part.text}
            <span className="sr-only">]</span>
          </del>
        ),
      )}
    </div>
  );
}

export function RevisionsPanel({
  postId,
  canRestore,
  onRestore,
}: {
  postId: string;
  canRestore: boolean;
  /** Restores a revision; resolves to an error message or null. */
  onRestore: (revisionId: string) => Promise<string | null>;
}) {
  const [picked, setPicked] = useState<string[]>([]);
  const [compare, setCompare] = useState<{ from: string; to: string | null } | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: ["admin", "post", postId, "revisions"],
    queryFn: ({ pageParam }) => postsApi.revisions(postId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const revisions = list.data?.pages.flatMap((p) => p.data) ?? [];
  const diff = useQuery({
    queryKey: ["admin", "post", postId, "diff", compare?.from, compare?.to],
    queryFn: () => postsApi.diff(postId, compare!.from, compare!.to),
    enabled: compare !== null,
  });

  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  const startCompare = () => {
    // Older first: the list is newest first.
    const ordered = revisions.filter((r) => picked.includes(r.id)).map((r) => r.id);
    if (ordered.length === 1) setCompare({ from: ordered[0]!, to: null });
    else if (ordered.length === 2) setCompare({ from: ordered[1]!, to: ordered[0]! });
  };

  return (
    <div className="grid gap-4">
      <FormAlert message={error} />
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={picked.length === 0}
          onClick={startCompare}
          className={`${secondaryButton} px-4 py-2`}
        >
          {picked.length === 2 ? "Compare the two" : "Compare with now"}
        </button>
        <p className="self-center text-sm text-muted">Pick one or two revisions.</p>
      </div>
      {list.isPending && (
        <ul aria-busy="true" className="grid gap-2">
          {[0, 1, 2].map((i) => (
            <li key={i} className="h-12 animate-pulse rounded-lg bg-surface" />
          ))}
        </ul>
      )}
      {list.isError && <p className="text-sm text-muted">{describeError(list.error)}</p>}
      {list.isSuccess && revisions.length === 0 && (
        <p className="text-sm text-muted">No revisions yet. Saving (Ctrl+S) records one.</p>
      )}
      <ul className="grid gap-1">
        {revisions.map((r) => (
          <li key={r.id} className="flex items-start gap-2 rounded-lg px-2 py-1.5 hover:bg-surface">
            <input
              type="checkbox"
              id={`rev-${r.id}`}
              checked={picked.includes(r.id)}
              onChange={() => toggle(r.id)}
              className="mt-1"
            />
            <label htmlFor={`rev-${r.id}`} className="flex-1 text-sm">
              <span className="block font-semibold text-fg">
                {KIND_LABELS[r.kind]} · v{r.post_version}
              </span>
              <span className="block text-muted">
                {formatDateTime(r.updated_at)}
                {r.author !== null ? ` · ${r.author.name}` : ""}
              </span>
            </label>
            {canRestore && (
              <button
                type="button"
                onClick={() => setRestoring(r.id)}
                className="rounded-md px-2 py-1 text-sm font-medium text-accent hover:underline"
              >
                Restore<span className="sr-only"> version {r.post_version}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button
          type="button"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
          className={`${secondaryButton} px-4 py-2`}
        >
          Load older revisions
        </button>
      )}
      <Modal
        open={compare !== null}
        onClose={() => setCompare(null)}
        title="Changes"
        wide
        description={
          diff.data === undefined
            ? undefined
            : `From v${diff.data.from.post_version} (${formatDateTime(diff.data.from.updated_at)}) to ${
                compare?.to === null ? "the current post" : `v${diff.data.to.post_version}`
              }`
        }
      >
        {diff.isPending && <p className="text-sm text-muted">Loading the changes…</p>}
        {diff.isError && <p className="text-sm text-muted">{describeError(diff.error)}</p>}
        {diff.data !== undefined && <DiffView diff={diff.data} />}
        <div className="flex justify-end">
          <button type="button" className={secondaryButton} onClick={() => setCompare(null)}>
            Close
          </button>
        </div>
      </Modal>
      <Modal
        open={restoring !== null}
        onClose={() => setRestoring(null)}
        title="Restore this revision?"
        description="Its title, text and fields replace the current ones. The current state stays in the history, so this can be undone by restoring again."
      >
        <div className="flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={() => setRestoring(null)}>
            Cancel
          </button>
          <button
            type="button"
            className={primaryButton}
            onClick={() => {
              const id = restoring;
              setRestoring(null);
              if (id === null) return;
              void onRestore(id).then((message) => {
                setError(message);
                if (message === null) void list.refetch();
              });
            }}
          >
            Restore
          </button>
        </div>
      </Modal>
    </div>
  );
}
