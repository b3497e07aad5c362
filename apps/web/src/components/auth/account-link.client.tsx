"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { hasSessionCookie } from "@/lib/auth-client";

const subscribe = () => () => {};

/**
 * "Sign in" or "Dashboard" in the site header. Decided in the browser from the readable CSRF
 * cookie, not on the server: reading cookies in the header would make every public page dynamic
 * and give up ISR. Signed-out markup is the server's (and the first) render.
 */
export function AccountLink() {
  const signedIn = useSyncExternalStore(subscribe, hasSessionCookie, () => false);
  return (
    <Link
      href={signedIn ? "/dashboard" : "/login"}
      className="shrink-0 rounded-full border border-line px-4 py-2 text-sm font-semibold text-fg hover:border-accent hover:text-accent"
    >
      {signedIn ? "Dashboard" : "Sign in"}
    </Link>
  );
}
