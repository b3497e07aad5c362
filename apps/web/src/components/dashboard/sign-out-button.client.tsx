"use client";

import { useState } from "react";
import { apiRequest } from "@/lib/auth-client";

/** Ends this browser's session on the server (the API clears the cookies), then shows the login page. */
export function SignOutButton({ className }: { className: string }) {
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    try {
      await apiRequest("POST", "/auth/logout", {}, { web: true, refreshOnUnauthorized: false });
    } catch {
      // Already signed out, or the API is down: either way the local session is over for the reader.
    }
    window.location.assign("/login?signed-out=1");
  }
  return (
    <button type="button" onClick={() => void signOut()} disabled={pending} className={className}>
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
