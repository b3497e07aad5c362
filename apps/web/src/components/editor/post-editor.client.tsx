"use client";

import { useQuery } from "@tanstack/react-query";
import type { Editor } from "@tiptap/core";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import {
  hintClass,
  inputClass,
  labelClass,
  linkClass,
  secondaryButton,
  warningBg,
  warningBorder,
} from "@/components/auth/styles";
import {
  type NoteAnchor,
  type PostType,
  type StaffPost,
  type WorkflowAction,
  type WorkflowBody,
  STATUS_LABELS,
  describeError,
  isVersionConflict,
  postsApi,
} from "@/lib/posts-client";
import { type EditorPanel, saveStateLabel, useEditorStore } from "@/stores/editor-store";
import { type PostDoc, toEditorDoc, toPostDoc } from "./body-doc";
import { ConflictDialog } from "./conflict-dialog.client";
import { type LocalDraft, clearLocalDraft, draftKey, readLocalDraft } from "./local-draft";
import { HistoryPanel, NotesPanel } from "./notes-panel.client";
import { type AuthorField, type PostFields, changedKeys, emptyFields, fieldsFromPost } from "./post-fields";
import { RevisionsPanel } from "./revisions-panel.client";
import { RichTextEditor } from "./rich-text-editor.client";
import { browserTimeZone, describeSchedule } from "./schedule";
import { SeoPanel } from "./seo-panel.client";
import { SettingsPanel } from "./settings-panel.client";
import { Toaster, toastError, toastSuccess } from "./toasts.client";
import { postQueryKey, usePostSaver } from "./use-post-saver";
import { WorkflowBar } from "./workflow-bar.client";

// The post and page editor: title, slug, excerpt and the body (Tiptap), autosave with a visible
// state, Ctrl/Cmd+S to save a revision, the workflow buttons, and side panels for settings, SEO,
// revisions, notes and the workflow history.

const PANELS: { id: EditorPanel; label: string; needsPost: boolean }[] = [
  { id: "settings", label: "Settings", needsPost: false },
  { id: "seo", label: "SEO", needsPost: false },
  { id: "revisions", label: "Revisions", needsPost: true },
  { id: "notes", label: "Notes", needsPost: true },
  { id: "history", label: "History", needsPost: true },
];

export function PostEditor({
  type,
  initial,
  currentUser,
  canChooseAuthors,
  siteUrl,
}: {
  type: PostType;
  initial: StaffPost | null;
  currentUser: AuthorField;
  canChooseAuthors: boolean;
  siteUrl: string;
}) {
  const id = useId();
  const router = useRouter();
  const listPath = type === "page" ? "/dashboard/pages" : "/dashboard/posts";
  const [postId, setPostId] = useState<string | null>(initial?.id ?? null);
  const post = useQuery({
    queryKey: postQueryKey(postId ?? "new"),
    queryFn: () => postsApi.get(postId ?? ""),
    enabled: postId !== null,
    ...(initial !== null ? { initialData: initial } : {}),
  }).data;

  const [fields, setFields] = useState<PostFields>(() =>
    initial === null ? emptyFields(currentUser) : fieldsFromPost(initial),
  );
  const fieldsRef = useRef(fields);
  const editorRef = useRef<Editor | null>(null);
  const read = useCallback((): PostFields => {
    const editor = editorRef.current;
    return editor === null ? fieldsRef.current : { ...fieldsRef.current, body: toPostDoc(editor.getJSON()) };
  }, []);
  const setAll = useCallback((next: PostFields, body?: PostDoc) => {
    fieldsRef.current = next;
    setFields(next);
    if (body !== undefined) editorRef.current?.commands.setContent(toEditorDoc(body), { emitUpdate: false });
  }, []);

  const saver = usePostSaver({
    type,
    initial,
    read,
    includeAuthors: canChooseAuthors,
    onSlug: (slug) => setAll({ ...fieldsRef.current, slug }),
    onCreated: (created) => {
      setPostId(created.id);
      window.history.replaceState(null, "", `${listPath}/${created.id}`);
    },
  });
  const { save, changed } = saver;

  const saveState = useEditorStore((s) => s.saveState);
  const saveError = useEditorStore((s) => s.saveError);
  const panel = useEditorStore((s) => s.panel);
  const togglePanel = useEditorStore((s) => s.togglePanel);
  const resetStore = useEditorStore((s) => s.reset);
  useEffect(() => resetStore, [resetStore]);

  const update = useCallback(
    <K extends keyof PostFields>(key: K, value: PostFields[K]) => {
      fieldsRef.current = { ...fieldsRef.current, [key]: value };
      setFields(fieldsRef.current);
      changed();
    },
    [changed],
  );

  const trashed = post?.deleted_at != null;
  const editable = (post === undefined || post.can_edit) && !trashed;

  // Edits kept in this browser from an earlier session that never reached the server.
  const [offer, setOffer] = useState<LocalDraft | null>(null);
  useEffect(() => {
    const draft = readLocalDraft(draftKey(initial?.id ?? null, type));
    if (draft === null) return;
    const server = initial === null ? emptyFields(currentUser) : fieldsFromPost(initial);
    if (changedKeys(server, draft.fields).length > 0) setOffer(draft);
    else clearLocalDraft(draftKey(initial?.id ?? null, type));
  }, [initial, type, currentUser]);

  // Ctrl/Cmd+S saves a revision.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        if (!editable) return;
        void save("save").then((ok) => {
          if (ok) toastSuccess("Saved. A revision was recorded.");
        });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editable, save]);

  const onReady = useCallback((editor: Editor | null) => {
    editorRef.current = editor;
  }, []);

  const [busy, setBusy] = useState(false);
  const onAction = async (action: WorkflowAction, body: WorkflowBody): Promise<string | null> => {
    const current = saver.postId();
    if (current === null) return "Save the post first.";
    setBusy(true);
    try {
      if (saver.isDirty() && !(await save("autosave")))
        return "Your latest changes could not be saved, so nothing else was done.";
      const updated = await postsApi.transition(current, action, {
        ...body,
        version: saver.version() ?? undefined,
      });
      saver.adoptServerPost(updated, false);
      toastSuccess(`${STATUS_LABELS[updated.status]}.`);
      return null;
    } catch (error) {
      if (isVersionConflict(error)) {
        const fresh = await postsApi.get(current).catch(() => null);
        if (fresh !== null && !saver.isDirty()) {
          saver.adoptServerPost(fresh, true);
          setAll(fieldsFromPost(fresh), fresh.body as PostDoc);
        }
        return "The post changed in the meantime. It has been reloaded; check it and try again.";
      }
      const fresh = await postsApi.get(current).catch(() => null);
      if (fresh !== null) saver.adoptServerPost(fresh, false);
      return describeError(error);
    } finally {
      setBusy(false);
    }
  };

  const onRestore = async (revisionId: string): Promise<string | null> => {
    const current = saver.postId();
    if (current === null) return null;
    try {
      const restored = await postsApi.restoreRevision(current, revisionId, saver.version() ?? 0);
      saver.adoptServerPost(restored, true);
      setAll(fieldsFromPost(restored), restored.body as PostDoc);
      toastSuccess("Revision restored.");
      return null;
    } catch (error) {
      return describeError(error);
    }
  };

  const selection = (): NoteAnchor | null => {
    const editor = editorRef.current;
    if (editor === null || editor.state.selection.empty) return null;
    const { from, to } = editor.state.selection;
    return { from, to, quote: editor.state.doc.textBetween(from, to, " ").slice(0, 2000) };
  };
  const showAnchor = (anchor: NoteAnchor) => {
    const editor = editorRef.current;
    if (editor === null) return;
    const max = editor.state.doc.content.size;
    editor
      .chain()
      .focus()
      .setTextSelection({ from: Math.min(anchor.from, max), to: Math.min(anchor.to, max) })
      .scrollIntoView()
      .run();
  };

  const trash = async () => {
    const current = saver.postId();
    if (current === null) return;
    try {
      await postsApi.trash(current);
      clearLocalDraft(draftKey(current, type));
      toastSuccess("Moved to the trash.");
      router.push(listPath);
    } catch (error) {
      toastError(describeError(error));
    }
  };
  const restoreFromTrash = async () => {
    const current = saver.postId();
    if (current === null) return;
    try {
      saver.adoptServerPost(await postsApi.restore(current), false);
      toastSuccess("Restored as a draft.");
    } catch (error) {
      toastError(describeError(error));
    }
  };

  const noun = type === "page" ? "page" : "post";
  const zone = browserTimeZone();

  return (
    <div className="grid gap-6">
      <Toaster />
      <div className="flex flex-wrap items-center gap-3 border-b border-line pb-4">
        <Link href={listPath} className={linkClass}>
          ← All {noun}s
        </Link>
        {post !== undefined && (
          <span className="rounded-full border border-line px-2.5 py-0.5 text-xs font-semibold uppercase tracking-wider text-muted">
            {STATUS_LABELS[post.status]}
          </span>
        )}
        {post?.status === "scheduled" && post.published_at !== null && (
          <span className="text-sm text-fg">{describeSchedule(post.published_at, zone)}</span>
        )}
        <p role="status" aria-live="polite" className="text-sm text-muted" data-save-state={saveState}>
          {saveStateLabel(saveState)}
          {saveState === "error" && saveError !== null ? `: ${saveError}` : ""}
        </p>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {editable && (
            <button
              type="button"
              onClick={() =>
                void save("save").then((ok) => ok && toastSuccess("Saved. A revision was recorded."))
              }
              className={`${secondaryButton} px-4 py-2`}
              aria-keyshortcuts="Control+S Meta+S"
            >
              Save
            </button>
          )}
          {post !== undefined && !trashed && <WorkflowBar post={post} busy={busy} onAction={onAction} />}
          {post?.can_delete === true && !trashed && (
            <button type="button" onClick={() => void trash()} className={`${secondaryButton} px-4 py-2`}>
              Move to trash
            </button>
          )}
        </div>
      </div>

      {trashed && (
        <div className={`rounded-xl border px-5 py-4 text-fg ${warningBorder} ${warningBg}`}>
          <p className="font-semibold">This {noun} is in the trash.</p>
          <button type="button" onClick={() => void restoreFromTrash()} className={`${linkClass} mt-1`}>
            Restore it as a draft
          </button>
        </div>
      )}
      {offer !== null && (
        <div role="alert" className={`rounded-xl border px-5 py-4 text-fg ${warningBorder} ${warningBg}`}>
          <p className="font-semibold">
            Unsaved changes from {new Date(offer.saved_at).toLocaleString()} were kept in this browser.
          </p>
          <div className="mt-2 flex gap-4">
            <button
              type="button"
              className={linkClass}
              onClick={() => {
                setAll(offer.fields, offer.fields.body);
                setOffer(null);
                changed();
              }}
            >
              Restore them
            </button>
            <button
              type="button"
              className={linkClass}
              onClick={() => {
                clearLocalDraft(draftKey(saver.postId(), type));
                setOffer(null);
              }}
            >
              Discard
            </button>
          </div>
        </div>
      )}

      <div role="group" aria-label="Panels" className="-mt-2 flex flex-wrap gap-1">
        {PANELS.filter((p) => !p.needsPost || postId !== null).map((p) => (
          <button
            key={p.id}
            type="button"
            id={`${id}-toggle-${p.id}`}
            aria-expanded={panel === p.id}
            aria-controls={`${id}-panel`}
            onClick={() => togglePanel(p.id)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${
              panel === p.id ? "bg-surface text-fg" : "text-muted hover:bg-surface hover:text-fg"
            }`}
          >
            {p.label}
          </button>
        ))}
      </div>

      <div className="grid gap-8">
        <div className="grid min-w-0 content-start gap-5">
          <fieldset disabled={!editable} className="grid gap-5">
            <legend className="sr-only">{noun === "page" ? "Page" : "Post"} content</legend>
            <div>
              <label htmlFor={`${id}-title`} className="sr-only">
                Title
              </label>
              <input
                id={`${id}-title`}
                value={fields.title}
                onChange={(e) => update("title", e.target.value)}
                placeholder={`${noun === "page" ? "Page" : "Post"} title`}
                maxLength={255}
                className="w-full bg-transparent text-3xl font-extrabold tracking-tight text-fg placeholder:text-muted focus-visible:outline-offset-4 sm:text-4xl"
              />
            </div>
            <div className="grid gap-4">
              <div>
                <label htmlFor={`${id}-slug`} className={labelClass}>
                  Slug
                </label>
                <input
                  id={`${id}-slug`}
                  value={fields.slug}
                  onChange={(e) => update("slug", e.target.value.toLowerCase().replace(/[^a-z0-9-]/g, "-"))}
                  maxLength={191}
                  placeholder="generated from the title"
                  aria-describedby={`${id}-slug-hint`}
                  className={inputClass}
                />
                <p id={`${id}-slug-hint`} className={hintClass}>
                  {fields.slug === "" ? "The address is made from the title." : `/${fields.slug}`}
                  {post?.status === "published" ? " Changing it keeps a redirect from the old address." : ""}
                </p>
              </div>
              <div>
                <label htmlFor={`${id}-excerpt`} className={labelClass}>
                  Excerpt
                </label>
                <textarea
                  id={`${id}-excerpt`}
                  value={fields.excerpt}
                  onChange={(e) => update("excerpt", e.target.value)}
                  rows={2}
                  maxLength={1000}
                  className={inputClass}
                />
              </div>
            </div>
          </fieldset>
          <p id={`${id}-body-label`} className="sr-only">
            Body
          </p>
          <RichTextEditor
            initial={fields.body}
            editable={editable}
            onChange={changed}
            onReady={onReady}
            labelledBy={`${id}-body-label`}
          />
          {post !== undefined && (
            <p className="text-sm text-muted">
              {post.reading_time_minutes} min read · version {post.version}
            </p>
          )}
        </div>

        {panel !== null && (
          <aside
            id={`${id}-panel`}
            aria-labelledby={`${id}-panel-title`}
            onKeyDown={(event) => {
              if (event.key !== "Escape") return;
              event.stopPropagation();
              togglePanel(panel);
              document.getElementById(`${id}-toggle-${panel}`)?.focus();
            }}
            className="rounded-xl border border-line p-5 lg:fixed lg:inset-y-0 lg:right-0 lg:z-40 lg:w-[26rem] lg:overflow-y-auto lg:rounded-none lg:border-y-0 lg:border-r-0 lg:bg-bg lg:p-6 lg:shadow-2xl"
          >
            <div className="mb-5 flex items-center justify-between gap-3">
              <h2 id={`${id}-panel-title`} className="text-lg font-bold tracking-tight text-fg">
                {PANELS.find((p) => p.id === panel)?.label}
              </h2>
              <button
                type="button"
                onClick={() => {
                  togglePanel(panel);
                  document.getElementById(`${id}-toggle-${panel}`)?.focus();
                }}
                className="rounded-md px-2 py-1 text-sm font-medium text-muted hover:bg-surface hover:text-fg"
              >
                Close<span className="sr-only"> panel</span>
              </button>
            </div>
            {panel === "settings" && (
              <SettingsPanel
                fields={fields}
                update={update}
                disabled={!editable}
                canChooseAuthors={canChooseAuthors}
                isPage={type === "page"}
              />
            )}
            {panel === "seo" && (
              <SeoPanel
                fields={fields}
                siteUrl={siteUrl}
                disabled={!editable}
                onChange={(key, value) => update("seo", { ...fieldsRef.current.seo, [key]: value })}
              />
            )}
            {panel === "revisions" && postId !== null && (
              <RevisionsPanel postId={postId} canRestore={editable} onRestore={onRestore} />
            )}
            {panel === "notes" && postId !== null && (
              <NotesPanel postId={postId} selection={selection} onShowAnchor={showAnchor} />
            )}
            {panel === "history" && postId !== null && <HistoryPanel postId={postId} />}
          </aside>
        )}
      </div>

      <ConflictDialog
        open={saver.conflict !== null}
        theirs={saver.conflict?.theirs ?? null}
        currentVersion={saver.conflict?.currentVersion ?? null}
        mine={read}
        onTheirs={() => {
          const theirs = saver.conflict?.theirs;
          if (theirs == null) return;
          const next = saver.resolveConflict("theirs", theirs, read());
          setAll(next, next.body);
          useEditorStore.getState().markSaved(new Date().toISOString());
        }}
        onMine={() => {
          const theirs = saver.conflict?.theirs;
          if (theirs == null) return;
          const next = saver.resolveConflict("mine", theirs, read());
          setAll(next, next.body);
          void save("save").then((ok) => ok && toastSuccess("Your version was saved."));
        }}
      />
    </div>
  );
}
