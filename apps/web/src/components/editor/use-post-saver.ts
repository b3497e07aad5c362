"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  NetworkError,
  type PostType,
  type StaffPost,
  currentVersionOf,
  describeError,
  isVersionConflict,
  postsApi,
} from "@/lib/posts-client";
import { useEditorStore } from "@/stores/editor-store";
import { clearLocalDraft, draftKey, writeLocalDraft } from "./local-draft";
import {
  type PostFields,
  buildInput,
  buildPatch,
  changedKeys,
  fieldsFromPost,
  hasContent,
} from "./post-fields";

// Saving the editor's fields: autosave ~3 s after the last change (at most every 10 s while
// typing), an explicit save that creates a revision, one request in flight at a time, unsaved
// edits mirrored to localStorage whenever they are not on the server, and a 409 version conflict
// turned into a `conflict` for the dialog (nothing is sent again until the writer decides).

export const AUTOSAVE_DELAY_MS = 3_000;
const AUTOSAVE_MAX_WAIT_MS = 10_000;
const OFFLINE_RETRY_MS = 15_000;
/** Unsaved edits are mirrored to localStorage this long after the last change. */
const LOCAL_COPY_DELAY_MS = 800;

export interface Conflict {
  /** The post as it is on the server now. */
  theirs: StaffPost | null;
  currentVersion: number | null;
}

export interface SaverOptions {
  type: PostType;
  initial: StaffPost | null;
  /** Current fields (including the body read from the editor). */
  read: () => PostFields;
  /** The server answered with a slug different from the one sent (generated or normalised). */
  onSlug: (slug: string) => void;
  /** A new post was created: its id (the URL changes to the editor's). */
  onCreated: (post: StaffPost) => void;
  includeAuthors: boolean;
}

export function postQueryKey(id: string) {
  return ["admin", "post", id] as const;
}

export function usePostSaver(options: SaverOptions) {
  const queryClient = useQueryClient();
  const setSaveState = useEditorStore((s) => s.setSaveState);
  const markSaved = useEditorStore((s) => s.markSaved);
  const opts = useRef(options);
  opts.current = options;

  const postId = useRef<string | null>(options.initial?.id ?? null);
  const version = useRef<number | null>(options.initial?.version ?? null);
  const baseline = useRef<PostFields | null>(
    options.initial === null ? null : fieldsFromPost(options.initial),
  );
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstChangeAt = useRef<number | null>(null);
  const localTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const conflictRef = useRef<Conflict | null>(null);
  conflictRef.current = conflict;

  const key = () => draftKey(postId.current, opts.current.type);

  const keepLocally = useCallback(() => {
    writeLocalDraft(draftKey(postId.current, opts.current.type), {
      fields: opts.current.read(),
      version: version.current,
      saved_at: new Date().toISOString(),
    });
  }, []);

  const isDirty = useCallback((): boolean => {
    const current = opts.current.read();
    if (baseline.current === null) return hasContent(current);
    return changedKeys(baseline.current, current).length > 0;
  }, []);

  const accept = useCallback(
    (post: StaffPost, sent: PostFields) => {
      version.current = post.version;
      const adopted = { ...sent };
      if (post.slug !== sent.slug) {
        adopted.slug = post.slug;
        if (opts.current.read().slug === sent.slug) opts.current.onSlug(post.slug);
      }
      baseline.current = adopted;
      queryClient.setQueryData(postQueryKey(post.id), post);
    },
    [queryClient],
  );

  const save = useCallback(
    async (kind: "autosave" | "save"): Promise<boolean> => {
      if (timer.current !== null) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      if (inFlight.current !== null) {
        await inFlight.current;
        if (kind === "autosave" && !isDirty()) return true;
      }
      if (conflictRef.current !== null) return false;
      const run = (async (): Promise<boolean> => {
        const sent = opts.current.read();
        firstChangeAt.current = null;
        try {
          if (postId.current === null) {
            if (kind === "autosave" && !hasContent(sent)) return true;
            setSaveState("saving");
            const post = await postsApi.create(
              opts.current.type,
              buildInput(sent, opts.current.includeAuthors),
            );
            clearLocalDraft(key());
            postId.current = post.id;
            accept(post, sent);
            opts.current.onCreated(post);
          } else {
            const patch = buildPatch(baseline.current ?? sent, sent);
            const empty = Object.keys(patch).length === 0;
            if (empty && kind === "autosave") {
              markSaved(new Date().toISOString());
              clearLocalDraft(key());
              return true;
            }
            // An explicit save always records a revision, even with nothing new in it.
            if (empty) patch.title = sent.title.trim() === "" ? "Untitled" : sent.title;
            setSaveState("saving");
            const post = await postsApi.update(postId.current, {
              ...patch,
              version: version.current ?? undefined,
              ...(kind === "autosave" ? { autosave: true } : {}),
            });
            accept(post, sent);
          }
          if (isDirty()) {
            setSaveState("dirty");
            keepLocally();
          } else {
            markSaved(new Date().toISOString());
            clearLocalDraft(key());
          }
          return true;
        } catch (error) {
          keepLocally();
          if (error instanceof NetworkError || (typeof navigator !== "undefined" && !navigator.onLine)) {
            setSaveState("offline");
          } else if (isVersionConflict(error)) {
            setSaveState("conflict");
            const next: Conflict = { theirs: null, currentVersion: currentVersionOf(error) };
            setConflict(next);
            if (postId.current !== null) {
              postsApi
                .get(postId.current)
                .then((theirs) => setConflict((c) => (c === null ? c : { ...c, theirs })))
                .catch(() => undefined);
            }
          } else {
            setSaveState("error", describeError(error));
          }
          return false;
        }
      })();
      inFlight.current = run;
      try {
        return await run;
      } finally {
        inFlight.current = null;
      }
    },
    [accept, isDirty, keepLocally, markSaved, setSaveState],
  );

  /** Call on every change: marks the post dirty and (re)arms the autosave timer. */
  const changed = useCallback(() => {
    if (conflictRef.current !== null) {
      keepLocally();
      return;
    }
    const state = useEditorStore.getState().saveState;
    if (state !== "offline") setSaveState("dirty");
    // A copy in this browser until the server has it, so a crash or a closed tab loses nothing.
    if (localTimer.current !== null) clearTimeout(localTimer.current);
    localTimer.current = setTimeout(() => {
      localTimer.current = null;
      if (isDirty()) keepLocally();
    }, LOCAL_COPY_DELAY_MS);
    const now = Date.now();
    firstChangeAt.current ??= now;
    if (timer.current !== null) clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(AUTOSAVE_DELAY_MS, firstChangeAt.current + AUTOSAVE_MAX_WAIT_MS - now));
    timer.current = setTimeout(() => void save("autosave"), wait);
  }, [isDirty, keepLocally, save, setSaveState]);

  // Back online (or every 15 s while offline): try again.
  useEffect(() => {
    const retry = () => {
      const state = useEditorStore.getState().saveState;
      if (state === "offline" || state === "error") void save("autosave");
    };
    const offline = () => {
      if (!isDirty()) return;
      keepLocally();
      setSaveState("offline");
    };
    window.addEventListener("online", retry);
    window.addEventListener("offline", offline);
    const interval = setInterval(() => {
      if (useEditorStore.getState().saveState === "offline" && navigator.onLine) retry();
    }, OFFLINE_RETRY_MS);
    return () => {
      window.removeEventListener("online", retry);
      window.removeEventListener("offline", offline);
      clearInterval(interval);
    };
  }, [isDirty, keepLocally, save, setSaveState]);

  // Leaving with unsaved changes: keep them locally and ask the browser to confirm.
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      keepLocally();
      event.preventDefault();
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      if (timer.current !== null) clearTimeout(timer.current);
      if (localTimer.current !== null) clearTimeout(localTimer.current);
    };
  }, [isDirty, keepLocally]);

  /** The post changed on the server by our own action (workflow, restore): adopt it. */
  const adoptServerPost = useCallback(
    (post: StaffPost, replaceFields: boolean) => {
      version.current = post.version;
      queryClient.setQueryData(postQueryKey(post.id), post);
      if (replaceFields) {
        baseline.current = fieldsFromPost(post);
        clearLocalDraft(key());
        markSaved(new Date().toISOString());
      }
    },
    [markSaved, queryClient],
  );

  /** Resolves a conflict. "theirs": the server's post replaces the edits. "mine": the edits are saved over it. */
  const resolveConflict = useCallback(
    (choice: "theirs" | "mine", theirs: StaffPost, mine: PostFields): PostFields => {
      const theirFields = fieldsFromPost(theirs);
      version.current = theirs.version;
      queryClient.setQueryData(postQueryKey(theirs.id), theirs);
      let result: PostFields;
      if (choice === "theirs") {
        result = theirFields;
        baseline.current = theirFields;
        clearLocalDraft(key());
      } else {
        // My changes (against what I had loaded) on top of theirs; fields I did not touch keep theirs.
        const mineChanged = baseline.current === null ? [] : changedKeys(baseline.current, mine);
        result = { ...theirFields };
        for (const k of mineChanged) (result as unknown as Record<string, unknown>)[k] = mine[k];
        baseline.current = theirFields;
      }
      conflictRef.current = null;
      setConflict(null);
      setSaveState("dirty");
      return result;
    },
    [queryClient, setSaveState],
  );

  return {
    save,
    changed,
    conflict,
    resolveConflict,
    adoptServerPost,
    isDirty,
    version: () => version.current,
    postId: () => postId.current,
  };
}
