"use client";

import Link from "next/link";
import { useEffect, useState, useSyncExternalStore } from "react";
import { hasSessionCookie, refreshSession } from "@/lib/auth-client";
import { PostBody } from "./post-body";

// Members-only posts. The page itself is ISR and shared by every reader, so it carries only the
// public part (title, excerpt, cover) and this box. A signed-in reader's browser then asks the API
// for the body with its own session cookie, per request and never cached (the API answers
// `Cache-Control: private, no-store`), so a member's copy never lands in a shared cache. Deciding
// in the browser keeps the page static, as the header's account link does.

type State = { kind: "loading" } | { kind: "open"; html: string } | { kind: "gated" } | { kind: "failed" };

const subscribe = () => () => {};

/** Posts are read at /posts/{slug}, pages at /pages/{slug}. */
export type GatedKind = "post" | "page";

async function fetchPost(kind: GatedKind, slug: string): Promise<Response> {
  return fetch(`/api/v1/${kind}s/${encodeURIComponent(slug)}`, {
    headers: { accept: "application/json" },
    credentials: "same-origin",
    cache: "no-store",
  });
}

/** The member's copy of the body, or "gated" when the session is gone or does not unlock it. */
async function loadMemberBody(kind: GatedKind, slug: string): Promise<State> {
  let res = await fetchPost(kind, slug);
  // An expired access token: renew it once from the refresh cookie, as dashboard calls do.
  if (res.status === 401 && (await refreshSession())) res = await fetchPost(kind, slug);
  if (res.status === 401 || res.status === 403 || res.status === 404) return { kind: "gated" };
  if (!res.ok) return { kind: "failed" };
  const post = (await res.json()) as { gated?: unknown; html?: unknown };
  if (post.gated === true || typeof post.html !== "string") return { kind: "gated" };
  return { kind: "open", html: post.html };
}

export function MembersGate({ slug, kind = "post" }: { slug: string; kind?: GatedKind }) {
  const signedIn = useSyncExternalStore(subscribe, hasSessionCookie, () => false);
  const [state, setState] = useState<State>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!signedIn) return;
    let cancelled = false;
    setState({ kind: "loading" });
    void loadMemberBody(kind, slug)
      .catch((): State => ({ kind: "failed" }))
      .then((next) => {
        if (!cancelled) setState(next);
      });
    return () => {
      cancelled = true;
    };
  }, [signedIn, kind, slug, attempt]);

  if (signedIn && state.kind === "open") return <PostBody html={state.html} className="mt-12" />;
  if (signedIn && state.kind === "loading") {
    return (
      <div aria-busy="true" aria-live="polite" className="mx-auto mt-12 max-w-[42rem] space-y-4">
        <span className="sr-only">Loading the post for members…</span>
        {[92, 100, 85, 96, 70].map((width, i) => (
          <div key={i} className="h-4 animate-pulse rounded bg-surface" style={{ width: `${width}%` }} />
        ))}
      </div>
    );
  }

  const next = encodeURIComponent(`/${slug}`);
  return (
    <section
      aria-labelledby="members-gate-heading"
      className="mx-auto mt-12 max-w-[42rem] rounded-2xl border border-line bg-surface p-8 text-center"
    >
      <h2 id="members-gate-heading" className="text-2xl font-extrabold tracking-tight text-fg">
        This post is for members
      </h2>
      {signedIn && state.kind === "failed" ? (
        <>
          <p role="alert" className="mx-auto mt-3 max-w-prose text-muted">
            We could not load the rest of this post just now.
          </p>
          <button
            type="button"
            onClick={() => setAttempt((n) => n + 1)}
            className="mt-6 inline-flex rounded-full bg-accent px-5 py-2.5 font-semibold text-accent-fg hover:bg-accent-hover"
          >
            Try again
          </button>
        </>
      ) : (
        <>
          <p className="mx-auto mt-3 max-w-prose text-muted">
            {signedIn
              ? "Your session has ended. Sign in again to keep reading."
              : "Sign in or create a free account to read the rest of this post."}
          </p>
          <div className="mt-6 flex flex-wrap justify-center gap-3">
            <Link
              href={`/login?next=${next}`}
              className="inline-flex rounded-full bg-accent px-5 py-2.5 font-semibold text-accent-fg hover:bg-accent-hover"
            >
              Sign in
            </Link>
            {!signedIn && (
              <Link
                href={`/register?next=${next}`}
                className="inline-flex rounded-full border border-line px-5 py-2.5 font-semibold text-fg hover:border-accent hover:text-accent"
              >
                Register
              </Link>
            )}
          </div>
        </>
      )}
    </section>
  );
}
