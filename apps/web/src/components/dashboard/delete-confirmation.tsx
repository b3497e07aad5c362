import type { ReactNode } from "react";
import { dangerButton, secondaryButton } from "@/components/auth/styles";

/**
 * The inline "are you sure" of a list row: an optional question, "Delete for good" and "Keep it".
 * `target` names what is deleted for screen readers when the question is not shown.
 */
export function DeleteConfirmation({
  question,
  target,
  pending,
  onConfirm,
  onCancel,
  className = "flex flex-wrap gap-2",
}: {
  question?: ReactNode;
  target?: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  className?: string;
}) {
  return (
    <div className={className}>
      {question !== undefined && <p className="text-sm text-fg">{question}</p>}
      <button type="button" className={`${dangerButton} px-3 py-1.5`} disabled={pending} onClick={onConfirm}>
        Delete for good
        {target !== undefined && <span className="sr-only"> {target}</span>}
      </button>
      <button type="button" className={`${secondaryButton} px-3 py-1.5`} onClick={onCancel}>
        Keep it
      </button>
    </div>
  );
}
