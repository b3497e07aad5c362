"use client";

import Link from "next/link";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { isApiProblem, publicRequest } from "@/lib/auth-client";
import { FormAlert, FormStatus } from "./form-controls";
import { linkClass, primaryButton } from "./styles";

type State = { kind: "working" } | { kind: "done" } | { kind: "failed"; message: string };

/**
 * Redeems a one-time token from an emailed link (verify an address, confirm an email change) as
 * soon as the page runs. In the browser rather than during server rendering: link scanners that
 * fetch URLs from emails do not run scripts, so they cannot use the token up.
 */
export function TokenAction({
  token,
  endpoint,
  workingText,
  doneText,
  doneLink,
  failedExtra,
}: {
  token: string;
  endpoint: "/auth/verify-email" | "/me/email/confirm";
  workingText: string;
  doneText: string;
  doneLink: { href: string; label: string };
  failedExtra?: ReactNode;
}) {
  const [state, setState] = useState<State>({ kind: "working" });
  const started = useRef(false);

  useEffect(() => {
    // Once per page: a second POST would find the token used and report a failure.
    if (started.current) return;
    started.current = true;
    publicRequest("POST", endpoint, { token }).then(
      () => setState({ kind: "done" }),
      (error: unknown) =>
        setState({
          kind: "failed",
          message:
            isApiProblem(error) && error.status < 500
              ? "This link is invalid, has expired or was already used."
              : "We could not check this link right now. Reload the page to try again.",
        }),
    );
  }, [endpoint, token]);

  if (state.kind === "working") {
    return (
      <p role="status" className="text-muted">
        {workingText}
      </p>
    );
  }
  if (state.kind === "done") {
    return (
      <div className="grid gap-5">
        <FormStatus>{doneText}</FormStatus>
        <Link href={doneLink.href} className={primaryButton}>
          {doneLink.label}
        </Link>
      </div>
    );
  }
  return (
    <div className="grid gap-5">
      <FormAlert message={state.message} />
      {failedExtra}
      <Link href="/login" className={linkClass}>
        Go to sign in
      </Link>
    </div>
  );
}
