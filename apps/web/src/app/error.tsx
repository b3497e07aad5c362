"use client";

// Next.js requires this file to be named error.tsx, so it keeps that name rather than *.client.tsx.
import Link from "next/link";
import { useEffect } from "react";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    // The server logged the details; the digest ties this report to that log line.
    console.error("page failed to render", error.digest ?? error.message);
  }, [error]);

  return (
    <div className="mx-auto flex max-w-2xl flex-col items-center px-5 py-24 text-center sm:py-32">
      <p className="font-mono text-sm font-semibold tracking-widest text-accent">Something went wrong</p>
      <h1 className="mt-4 text-4xl font-extrabold tracking-tight text-fg sm:text-5xl">
        We could not load this page
      </h1>
      <p className="mt-5 text-lg text-muted">
        This is on our side, not yours. Try again in a moment; if it keeps happening, the site may be briefly
        down.
      </p>
      {error.digest !== undefined && (
        <p className="mt-3 font-mono text-xs text-muted">Reference: {error.digest}</p>
      )}
      <div className="mt-10 flex flex-wrap justify-center gap-4">
        <button
          type="button"
          onClick={reset}
          className="rounded-full bg-accent px-6 py-3 font-semibold text-accent-fg hover:bg-accent-hover"
        >
          Try again
        </button>
        <Link
          href="/"
          className="rounded-full border border-line px-6 py-3 font-semibold text-fg hover:border-accent"
        >
          Home page
        </Link>
      </div>
    </div>
  );
}
