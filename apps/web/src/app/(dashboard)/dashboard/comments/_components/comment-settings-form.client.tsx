"use client";

import type { CommentModeration, CommentSettings } from "@folio/types";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { FormAlert, FormStatus, SubmitButton } from "@/components/auth/form-controls";
import { hintClass, inputClass, labelClass, panelClass } from "@/components/auth/styles";
import { apiRequest, isApiProblem } from "@/lib/auth-client";

const MODES: { value: CommentModeration; label: string; hint: string }[] = [
  { value: "all", label: "Hold every comment", hint: "Nothing appears until a moderator approves it." },
  {
    value: "first",
    label: "Hold a member's first comment",
    hint: "Once one of their comments is approved, the next ones appear at once.",
  },
  {
    value: "none",
    label: "Publish at once",
    hint: "Comments appear immediately; reports still send them back.",
  },
];

/** Moderation mode, reply depth and report threshold (`settings:manage` to change them). */
export function CommentSettingsForm({ initial, canEdit }: { initial: CommentSettings; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Readonly<Record<string, string>>>({});
  const save = useMutation({
    mutationFn: (body: CommentSettings) =>
      apiRequest<CommentSettings>("PATCH", "/admin/settings/comments", body),
    onMutate: () => {
      setMessage(null);
      setError(null);
      setFieldErrors({});
    },
    onSuccess: (saved) => {
      setValues(saved);
      setMessage("Comment settings saved.");
      void queryClient.invalidateQueries({ queryKey: ["admin", "comments", "settings"] });
    },
    onError: (e) => {
      if (isApiProblem(e)) {
        setFieldErrors(e.fieldErrors);
        setError(e.detail ?? e.title);
      } else setError("The settings could not be saved. Please try again.");
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(values);
  }

  return (
    <section aria-labelledby="comment-settings-heading" className={panelClass}>
      <h2 id="comment-settings-heading" className="text-xl font-bold tracking-tight text-fg">
        Settings
      </h2>
      {!canEdit && <p className={hintClass}>Only people who can change site settings can edit these.</p>}
      <form onSubmit={submit} className="mt-5 grid gap-6">
        <fieldset disabled={!canEdit} className="grid gap-3">
          <legend className={labelClass}>Moderation</legend>
          {MODES.map((mode) => (
            <div key={mode.value} className="flex items-start gap-3">
              <input
                id={`moderation-${mode.value}`}
                type="radio"
                name="moderation"
                value={mode.value}
                checked={values.moderation === mode.value}
                onChange={() => setValues((v) => ({ ...v, moderation: mode.value }))}
                aria-describedby={`moderation-${mode.value}-hint`}
                className="mt-1 size-4"
              />
              <div>
                <label htmlFor={`moderation-${mode.value}`} className="font-medium text-fg">
                  {mode.label}
                </label>
                <p id={`moderation-${mode.value}-hint`} className="text-sm text-muted">
                  {mode.hint}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-2">
          <legend className="sr-only">Limits</legend>
          <div>
            <label htmlFor="comments-max-depth" className={labelClass}>
              Deepest reply level
            </label>
            <input
              id="comments-max-depth"
              type="number"
              min={0}
              max={8}
              required
              value={values.max_depth}
              onChange={(e) => setValues((v) => ({ ...v, max_depth: Number(e.target.value) }))}
              aria-describedby="comments-max-depth-hint"
              aria-invalid={fieldErrors.max_depth !== undefined}
              className={inputClass}
            />
            <p id="comments-max-depth-hint" className={hintClass}>
              {fieldErrors.max_depth ??
                "0 turns replies off. A reply below the deepest level joins its parent's level."}
            </p>
          </div>
          <div>
            <label htmlFor="comments-report-threshold" className={labelClass}>
              Reports before a comment is hidden
            </label>
            <input
              id="comments-report-threshold"
              type="number"
              min={1}
              max={100}
              required
              value={values.report_threshold}
              onChange={(e) => setValues((v) => ({ ...v, report_threshold: Number(e.target.value) }))}
              aria-describedby="comments-report-threshold-hint"
              aria-invalid={fieldErrors.report_threshold !== undefined}
              className={inputClass}
            />
            <p id="comments-report-threshold-hint" className={hintClass}>
              {fieldErrors.report_threshold ??
                "An approved comment goes back to pending after this many reports."}
            </p>
          </div>
        </fieldset>
        <FormAlert message={error} />
        <FormStatus>{message}</FormStatus>
        {canEdit && (
          <div>
            <SubmitButton pending={save.isPending} pendingLabel="Saving…">
              Save settings
            </SubmitButton>
          </div>
        )}
      </form>
    </section>
  );
}
