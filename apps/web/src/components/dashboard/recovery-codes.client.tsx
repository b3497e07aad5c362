"use client";

import { useEffect, useId, useRef, useState } from "react";
import { FormStatus } from "@/components/auth/form-controls";
import { primaryButton, secondaryButton, warningBg, warningBorder } from "@/components/auth/styles";

/**
 * Recovery codes, shown once: the API stores only their hashes. Copy and download are offered,
 * and the panel stays until the person says the codes are saved.
 */
export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [saved, setSaved] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const checkboxId = useId();
  const text = `Folio recovery codes\nEach code can be used once to sign in without your second factor.\n\n${codes.join("\n")}\n`;

  // Land keyboard and screen reader users on the codes, which replaced the form they were in.
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setStatus("The codes are copied to your clipboard.");
    } catch {
      setStatus("Copying is not allowed here. Select the codes and copy them, or download them.");
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "folio-recovery-codes.txt";
    link.click();
    // Revoke after the click has been handled, or some browsers cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
    setStatus("The codes are downloaded as folio-recovery-codes.txt.");
  }

  return (
    <section
      aria-labelledby="recovery-codes-heading"
      className={`rounded-2xl border p-6 text-fg ${warningBorder} ${warningBg}`}
    >
      <h2
        id="recovery-codes-heading"
        ref={headingRef}
        tabIndex={-1}
        className="text-xl font-bold tracking-tight"
      >
        Save your recovery codes
      </h2>
      <p className="mt-2 max-w-2xl text-sm">
        If you lose your phone or authenticator, each of these codes signs you in once. They are shown only
        now: keep them in a password manager or print them.
      </p>
      <ol
        aria-label="Recovery codes"
        className="mt-5 grid max-w-md grid-cols-2 gap-x-6 gap-y-2 rounded-xl border border-line bg-bg p-5 font-mono text-base"
      >
        {codes.map((code) => (
          <li key={code} data-recovery-code={code}>
            {code}
          </li>
        ))}
      </ol>
      <div className="mt-5 flex flex-wrap gap-3">
        <button type="button" className={secondaryButton} onClick={() => void copy()}>
          Copy codes
        </button>
        <button type="button" className={secondaryButton} onClick={download}>
          Download codes
        </button>
      </div>
      <div className="mt-4">
        <FormStatus>{status}</FormStatus>
      </div>
      <div className="mt-5 flex items-center gap-3">
        <input
          id={checkboxId}
          type="checkbox"
          checked={saved}
          onChange={(e) => setSaved(e.target.checked)}
          className="size-4 accent-[var(--accent)]"
        />
        <label htmlFor={checkboxId} className="text-sm font-medium">
          I have saved these codes somewhere safe
        </label>
      </div>
      <button type="button" className={`${primaryButton} mt-5`} disabled={!saved} onClick={onDone}>
        Done
      </button>
    </section>
  );
}
