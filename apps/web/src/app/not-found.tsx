import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = {
  title: "Page not found",
  robots: { index: false },
};

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-2xl flex-col items-center px-5 py-24 text-center sm:py-32">
      <p className="font-mono text-sm font-semibold tracking-widest text-accent">404</p>
      <h1 className="mt-4 text-4xl font-extrabold tracking-tight text-fg sm:text-5xl">
        This page is not here
      </h1>
      <p className="mt-5 text-lg text-muted">
        The link may be old, or the post may have been moved or unpublished. The latest stories are a click
        away.
      </p>
      <div className="mt-10 flex flex-wrap justify-center gap-4">
        <Link
          href="/"
          className="rounded-full bg-accent px-6 py-3 font-semibold text-accent-fg hover:bg-accent-hover"
        >
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
