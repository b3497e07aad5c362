"use client";

import { useState } from "react";
import { dangerButton, secondaryButton } from "@/components/auth/styles";
import type { StaffPost } from "@/lib/posts-client";
import { docText } from "./body-doc";
import { Modal } from "./dialog.client";
import { type PostFields, changedKeys, fieldsFromPost } from "./post-fields";
import { TextDiff } from "./revisions-panel.client";
import { wordDiff } from "./word-diff";

// A 409 version conflict: someone saved this post after it was loaded here. The writer sees what
// differs between their version and the one on the server, then either takes the server's
// (discarding the edits made here) or keeps theirs (saved over it; the other version stays in
// the revisions). Until then nothing is sent and the edits are kept in this browser.

const LABELS: Record<string, string> = {
  title: "Title",
  slug: "Slug",
  excerpt: "Excerpt",
  body: "Text",
  featured: "Featured",
  visibility: "Visibility",
  comments_enabled: "Comments",
  cover: "Cover image",
  primary_category_id: "Primary category",
  tag_ids: "Tags",
  authors: "Authors",
  seo: "SEO",
};

export function ConflictDialog({
  open,
  theirs,
  currentVersion,
  mine,
  onTheirs,
  onMine,
}: {
  open: boolean;
  theirs: StaffPost | null;
  /** The version the 409 named (known before their post has loaded). */
  currentVersion: number | null;
  mine: () => PostFields;
  onTheirs: () => void;
  onMine: () => void;
}) {
  const [confirmTheirs, setConfirmTheirs] = useState(false);
  const version = theirs?.version ?? currentVersion;
  const current = open ? mine() : null;
  const theirFields = theirs === null ? null : fieldsFromPost(theirs);
  const differing = current !== null && theirFields !== null ? changedKeys(theirFields, current) : [];
  return (
    <Modal
      open={open}
      onClose={() => undefined}
      wide
      title="This post was changed by someone else"
      description={`A newer version${
        version === null ? "" : ` (${version})`
      } was saved while you were editing. Your changes are kept in this browser until you choose.${
        theirs === null ? " Loading their version…" : ""
      }`}
    >
      {theirFields !== null && current !== null && (
        <div className="grid gap-4">
          {differing.length === 0 ? (
            <p className="text-sm text-fg">Your version and theirs are the same.</p>
          ) : (
            <p className="text-sm text-fg">
              Differences (theirs → yours): {differing.map((k) => LABELS[k] ?? k).join(", ")}.
            </p>
          )}
          {differing.includes("title") && (
            <div className="text-sm">
              <p className="font-semibold">Title</p>
              <TextDiff parts={wordDiff(theirFields.title, current.title)} />
            </div>
          )}
          {differing.includes("excerpt") && (
            <div className="text-sm">
              <p className="font-semibold">Excerpt</p>
              <TextDiff parts={wordDiff(theirFields.excerpt, current.excerpt)} />
            </div>
          )}
          {differing.includes("body") && (
            <div className="text-sm">
              <p className="font-semibold">Text</p>
              <TextDiff parts={wordDiff(docText(theirFields.body), docText(current.body))} />
            </div>
          )}
        </div>
      )}
      {confirmTheirs ? (
        <div className="grid gap-3 rounded-lg border border-line p-4">
          <p className="text-sm font-semibold text-fg">
            Discard your changes and load their version? This cannot be undone.
          </p>
          <div className="flex justify-end gap-2">
            <button type="button" className={secondaryButton} onClick={() => setConfirmTheirs(false)}>
              Back
            </button>
            <button
              type="button"
              className={dangerButton}
              onClick={() => {
                setConfirmTheirs(false);
                onTheirs();
              }}
            >
              Discard mine, load theirs
            </button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap justify-end gap-2">
          <button
            type="button"
            disabled={theirs === null}
            className={secondaryButton}
            onClick={() => setConfirmTheirs(true)}
          >
            Reload theirs
          </button>
          <button type="button" disabled={theirs === null} className={dangerButton} onClick={onMine}>
            Keep mine (save over theirs)
          </button>
        </div>
      )}
    </Modal>
  );
}
