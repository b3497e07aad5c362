"use client";

import { type FormEvent, useId, useMemo, useState } from "react";
import { FieldError, FormAlert } from "@/components/auth/form-controls";
import {
  dangerButton,
  inputClass,
  labelClass,
  primaryButton,
  secondaryButton,
} from "@/components/auth/styles";
import {
  ACTION_LABELS,
  type StaffPost,
  type WorkflowAction,
  type WorkflowBody,
  describeError,
} from "@/lib/posts-client";
import { Modal, formText } from "./dialog.client";
import { browserTimeZone, describeSchedule, timeZones, utcToZoned, zonedToUtcIso } from "./schedule";

// The workflow buttons: exactly the actions the API lists in `allowed_actions` for this caller.
// Reject asks for a comment (required), schedule for a date, time and zone, and the actions
// that take a post off the site ask for confirmation.

const PRIMARY: WorkflowAction[] = ["publish", "approve", "submit"];
const CONFIRM: Partial<Record<WorkflowAction, string>> = {
  unpublish: "The post leaves the site and goes back to draft until it is published again.",
  archive: "The post leaves the site and is kept in the archive.",
  withdraw: "The post goes back to draft; reviewers no longer see it in their queue.",
};
const ORDER: WorkflowAction[] = [
  "submit",
  "withdraw",
  "approve",
  "reject",
  "schedule",
  "publish",
  "unschedule",
  "unpublish",
  "archive",
  "unarchive",
];

export function WorkflowBar({
  post,
  busy,
  onAction,
}: {
  post: StaffPost;
  busy: boolean;
  /** Runs the action (saving pending edits first); resolves to an error message or null. */
  onAction: (action: WorkflowAction, body: WorkflowBody) => Promise<string | null>;
}) {
  const [open, setOpen] = useState<WorkflowAction | null>(null);
  const actions = ORDER.filter((a) => post.allowed_actions.includes(a));
  if (actions.length === 0) return null;
  const run = (action: WorkflowAction) => {
    if (action === "reject" || action === "schedule" || CONFIRM[action] !== undefined) setOpen(action);
    else void onAction(action, {});
  };
  return (
    <div role="group" aria-label="Workflow" className="flex flex-wrap items-center gap-2">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          disabled={busy}
          onClick={() => run(action)}
          className={`${PRIMARY.includes(action) ? primaryButton : secondaryButton} px-4 py-2`}
        >
          {ACTION_LABELS[action]}
          {action === "schedule" && post.status === "scheduled" ? " again" : ""}
        </button>
      ))}
      {open === "reject" && <RejectDialog open onClose={() => setOpen(null)} onAction={onAction} />}
      {open === "schedule" && (
        <ScheduleDialog open post={post} onClose={() => setOpen(null)} onAction={onAction} />
      )}
      {open !== null && CONFIRM[open] !== undefined && (
        <ConfirmDialog action={open} onClose={() => setOpen(null)} onAction={onAction} />
      )}
    </div>
  );
}

function ConfirmDialog({
  action,
  onClose,
  onAction,
}: {
  action: WorkflowAction;
  onClose: () => void;
  onAction: (action: WorkflowAction, body: WorkflowBody) => Promise<string | null>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <Modal open onClose={onClose} title={`${ACTION_LABELS[action]}?`} description={CONFIRM[action]}>
      <FormAlert message={error} />
      <div className="flex justify-end gap-2">
        <button type="button" className={secondaryButton} onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          disabled={pending}
          className={action === "withdraw" ? primaryButton : dangerButton}
          onClick={() => {
            setPending(true);
            void onAction(action, {}).then((message) => {
              setPending(false);
              if (message === null) onClose();
              else setError(message);
            });
          }}
        >
          {ACTION_LABELS[action]}
        </button>
      </div>
    </Modal>
  );
}

function RejectDialog({
  open,
  onClose,
  onAction,
}: {
  open: boolean;
  onClose: () => void;
  onAction: (action: WorkflowAction, body: WorkflowBody) => Promise<string | null>;
}) {
  const id = useId();
  const [error, setError] = useState<string | undefined>(undefined);
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const comment = formText(new FormData(event.currentTarget), "comment").trim();
    if (comment === "") {
      setError("Say what needs to change, so the writer knows what to do.");
      return;
    }
    setError(undefined);
    setPending(true);
    const message = await onAction("reject", { comment });
    setPending(false);
    if (message === null) onClose();
    else setAlert(message);
  };
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Request changes"
      description="The post goes back to the writer as a draft with your comment."
    >
      <form noValidate className="grid gap-4" onSubmit={(e) => void submit(e)}>
        <FormAlert message={alert} />
        <div>
          <label htmlFor={`${id}-comment`} className={labelClass}>
            Comment (required)
          </label>
          <textarea
            id={`${id}-comment`}
            name="comment"
            rows={4}
            maxLength={2000}
            required
            aria-required="true"
            autoFocus
            aria-invalid={error !== undefined ? true : undefined}
            aria-describedby={error !== undefined ? `${id}-error` : undefined}
            className={inputClass}
          />
          {error !== undefined && <FieldError id={`${id}-error`}>{error}</FieldError>}
        </div>
        <div className="flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={pending} className={primaryButton}>
            Request changes
          </button>
        </div>
      </form>
    </Modal>
  );
}

function defaultSlot(zone: string): { date: string; time: string } {
  // Tomorrow at 09:00 in the chosen zone.
  const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
  return { date: utcToZoned(tomorrow, zone).date, time: "09:00" };
}

export function ScheduleDialog({
  open,
  post,
  onClose,
  onAction,
}: {
  open: boolean;
  post: StaffPost;
  onClose: () => void;
  onAction: (action: WorkflowAction, body: WorkflowBody) => Promise<string | null>;
}) {
  const id = useId();
  const zones = useMemo(() => (open ? timeZones() : []), [open]);
  const [zone, setZone] = useState(browserTimeZone);
  const initial =
    post.status === "scheduled" && post.published_at !== null
      ? utcToZoned(post.published_at, zone)
      : defaultSlot(zone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [withEnd, setWithEnd] = useState(post.unpublish_at !== null);
  const end0 = post.unpublish_at !== null ? utcToZoned(post.unpublish_at, zone) : { date: "", time: "09:00" };
  const [endDate, setEndDate] = useState(end0.date);
  const [endTime, setEndTime] = useState(end0.time);
  const [error, setError] = useState<string | undefined>(undefined);
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const at = zonedToUtcIso(date, time, zone);
  const end = withEnd ? zonedToUtcIso(endDate, endTime, zone) : null;
  const preview = at === null ? "" : describeSchedule(at, zone);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (at === null) return setError("Choose a date and a time.");
    if (new Date(at).getTime() <= Date.now()) return setError("Choose a time in the future.");
    if (withEnd && (end === null || new Date(end).getTime() <= new Date(at).getTime()))
      return setError("The unpublish time must come after the publish time.");
    setError(undefined);
    setPending(true);
    try {
      const message = await onAction("schedule", { publish_at: at, unpublish_at: withEnd ? end : null });
      if (message === null) onClose();
      else setAlert(message);
    } catch (e) {
      setAlert(describeError(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal open={open} onClose={onClose} title="Schedule publication">
      <form noValidate className="grid gap-4" onSubmit={(e) => void submit(e)}>
        <FormAlert message={alert} />
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-date`} className={labelClass}>
              Date
            </label>
            <input
              id={`${id}-date`}
              type="date"
              required
              value={date}
              onChange={(e) => setDate(e.target.value)}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor={`${id}-time`} className={labelClass}>
              Time
            </label>
            <input
              id={`${id}-time`}
              type="time"
              required
              value={time}
              onChange={(e) => setTime(e.target.value)}
              className={inputClass}
            />
          </div>
        </div>
        <div>
          <label htmlFor={`${id}-zone`} className={labelClass}>
            Time zone
          </label>
          <select
            id={`${id}-zone`}
            value={zone}
            onChange={(e) => setZone(e.target.value)}
            className={inputClass}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm text-fg">
          <input type="checkbox" checked={withEnd} onChange={(e) => setWithEnd(e.target.checked)} />
          Unpublish automatically later
        </label>
        {withEnd && (
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor={`${id}-end-date`} className={labelClass}>
                Unpublish date
              </label>
              <input
                id={`${id}-end-date`}
                type="date"
                value={endDate}
                onChange={(e) => setEndDate(e.target.value)}
                className={inputClass}
              />
            </div>
            <div>
              <label htmlFor={`${id}-end-time`} className={labelClass}>
                Unpublish time
              </label>
              <input
                id={`${id}-end-time`}
                type="time"
                value={endTime}
                onChange={(e) => setEndTime(e.target.value)}
                className={inputClass}
              />
            </div>
          </div>
        )}
        <p role="status" className="text-sm font-semibold text-fg">
          {preview}
          {end !== null && ` · ${describeSchedule(end, zone, "unpublishes")}`}
        </p>
        {error !== undefined && <FieldError id={`${id}-error`}>{error}</FieldError>}
        <div className="flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={pending} className={primaryButton}>
            Schedule
          </button>
        </div>
      </form>
    </Modal>
  );
}
