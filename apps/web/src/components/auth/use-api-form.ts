import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { type ApiProblem, isApiProblem, retryAfterText } from "@/lib/auth-client";

// The submit cycle every account form shares: read the fields, call the API, and on failure show
// the problem's field errors next to their inputs and move focus to the first invalid one (or to
// the form-level message), so keyboard and screen reader users land on what needs fixing.
// Only for client components (it holds state).

export type FieldErrors = Record<string, string>;

export interface ApiFormOptions<T> {
  submit: (data: FormData) => Promise<T>;
  onSuccess?: (result: T, form: HTMLFormElement) => void;
  /** Checks before calling the API (e.g. two passwords match); returns field errors. */
  validate?: (data: FormData) => FieldErrors;
  /** A message for problems the form knows better (wrong credentials, expired link…); null = default. */
  describe?: (problem: ApiProblem) => string | null;
}

export function defaultProblemMessage(problem: ApiProblem, hasFieldErrors: boolean): string {
  if (problem.status === 429) return `Too many attempts. ${retryAfterText(problem.retryAfterSeconds)}`;
  if (hasFieldErrors) return "Please correct the highlighted fields.";
  if (problem.status >= 500) return "Something went wrong on our side. Please try again in a moment.";
  return problem.detail ?? problem.title;
}

export const NETWORK_ERROR_MESSAGE = "We could not reach the server. Check your connection and try again.";

export function useApiForm<T>(options: ApiFormOptions<T>) {
  const { submit, onSuccess, validate, describe } = options;
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);

  // After a failed submit has rendered its errors, focus the first invalid field or the message.
  useEffect(() => {
    if (failures === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? alertRef.current)?.focus();
  }, [failures]);

  const fail = useCallback((fields: FieldErrors, message: string | null) => {
    setFieldErrors(fields);
    setFormError(message);
    setFailures((n) => n + 1);
  }, []);

  const run = useCallback(
    async (form: HTMLFormElement) => {
      const data = new FormData(form);
      const local = validate?.(data) ?? {};
      if (Object.keys(local).length > 0) {
        fail(local, "Please correct the highlighted fields.");
        return;
      }
      setPending(true);
      setFormError(null);
      setFieldErrors({});
      try {
        const result = await submit(data);
        onSuccess?.(result, form);
      } catch (error) {
        if (isApiProblem(error)) {
          const fields = { ...error.fieldErrors };
          fail(fields, describe?.(error) ?? defaultProblemMessage(error, Object.keys(fields).length > 0));
        } else {
          fail({}, NETWORK_ERROR_MESSAGE);
        }
      } finally {
        setPending(false);
      }
    },
    [submit, onSuccess, validate, describe, fail],
  );

  const handleSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (!pending) void run(event.currentTarget);
    },
    [pending, run],
  );

  return { formRef, alertRef, pending, fieldErrors, formError, handleSubmit, fail };
}

/** A string field from FormData ("" when absent or a file). */
export function field(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}

/** Field errors for required fields left empty. */
export function requireFields(data: FormData, labels: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, label] of Object.entries(labels)) {
    if (field(data, name).trim() === "") errors[name] = `Enter your ${label}.`;
  }
  return errors;
}
