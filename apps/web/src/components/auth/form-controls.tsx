import type { HTMLInputAutoCompleteAttribute, ReactNode, Ref } from "react";
import {
  dangerBg,
  dangerBorder,
  dangerText,
  hintClass,
  inputClass,
  labelClass,
  primaryButton,
  successBg,
  successBorder,
} from "./styles";

// Presentational form pieces (no state): usable from server pages and client forms alike. Errors
// are wired the accessible way: aria-invalid on the input and the message in aria-describedby, so
// a screen reader reads the field, its hint and what is wrong with it together. Most fields are
// required, so the few optional ones say so in their label instead.

export interface TextFieldProps {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "url" | "tel" | "search";
  autoComplete?: HTMLInputAutoCompleteAttribute;
  inputMode?: "text" | "email" | "numeric" | "tel" | "url" | "search";
  hint?: ReactNode;
  error?: string | undefined;
  defaultValue?: string;
  required?: boolean;
  disabled?: boolean;
  maxLength?: number;
  pattern?: string;
  placeholder?: string;
  spellCheck?: boolean;
  /** Defaults to `field-<name>`; pass one when a page holds two forms with the same field name. */
  id?: string;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
}

export function TextField({
  name,
  label,
  type = "text",
  hint,
  error,
  id = `field-${name}`,
  inputRef,
  className,
  required,
  ...input
}: TextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, error !== undefined ? errorId : null]
    .filter((v) => v !== null)
    .join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {hint !== undefined && (
        <p id={hintId} className={hintClass}>
          {hint}
        </p>
      )}
      <input
        {...input}
        ref={inputRef}
        id={id}
        name={name}
        type={type}
        required={required}
        aria-required={required}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy === "" ? undefined : describedBy}
        className={inputClass}
      />
      {error !== undefined && <FieldError id={errorId}>{error}</FieldError>}
    </div>
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className={`mt-1.5 flex items-start gap-1.5 text-sm font-medium ${dangerText}`}>
      <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0" fill="currentColor">
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-.9 4h1.8v5.2H9.1V6Zm.9 8.4a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Z" />
      </svg>
      <span>{children}</span>
    </p>
  );
}

/** A form-level error. Focusable so the form can move focus to it when a submit fails. */
export function FormAlert({ message, alertRef }: { message: string | null; alertRef?: Ref<HTMLDivElement> }) {
  // The live region stays in the DOM so the message is announced when it appears; while empty it
  // is not displayed, so it adds no gap to the form's layout.
  return (
    <div ref={alertRef} role="alert" tabIndex={-1} className="empty:hidden focus-visible:outline-offset-2">
      {message !== null && (
        <div
          className={`rounded-lg border px-4 py-3 text-sm font-medium text-fg ${dangerBorder} ${dangerBg}`}
        >
          {message}
        </div>
      )}
    </div>
  );
}

/** A success or information message (polite live region). */
export function FormStatus({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="empty:hidden">
      {children !== null && children !== undefined && children !== false && (
        <div className={`rounded-lg border px-4 py-3 text-sm text-fg ${successBorder} ${successBg}`}>
          {children}
        </div>
      )}
    </div>
  );
}

export function SubmitButton({
  children,
  pending,
  pendingLabel,
  className = primaryButton,
}: {
  children: ReactNode;
  pending: boolean;
  pendingLabel: string;
  className?: string;
}) {
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={className}>
      {pending && (
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4 animate-spin" fill="none">
          <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.3" strokeWidth="3" />
          <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
        </svg>
      )}
      {pending ? pendingLabel : children}
    </button>
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  error,
  defaultValue,
  maxLength,
  rows = 4,
  id = `field-${name}`,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  defaultValue?: string;
  maxLength?: number;
  rows?: number;
  id?: string;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, error !== undefined ? errorId : null]
    .filter((v) => v !== null)
    .join(" ");
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {hint !== undefined && (
        <p id={hintId} className={hintClass}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        maxLength={maxLength}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy === "" ? undefined : describedBy}
        className={inputClass}
      />
      {error !== undefined && <FieldError id={errorId}>{error}</FieldError>}
    </div>
  );
}
