"use client";

import { create } from "zustand";
import { dangerBorder, successBorder } from "@/components/auth/styles";

// Short notices for the posts list and the editor ("Moved to trash", "Could not restore: …").
// Errors stay until dismissed; the rest fade after a few seconds. Announced through live regions.

interface Toast {
  id: number;
  kind: "success" | "error";
  message: string;
}

interface ToastState {
  toasts: Toast[];
  push: (kind: Toast["kind"], message: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push: (kind, message) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message }] }));
    if (kind === "success") setTimeout(() => get().dismiss(id), 5_000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export function toastSuccess(message: string): void {
  useToasts.getState().push("success", message);
}
export function toastError(message: string): void {
  useToasts.getState().push("error", message);
}

export function Toaster() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  const render = (kind: Toast["kind"]) =>
    toasts
      .filter((t) => t.kind === kind)
      .map((t) => (
        <div
          key={t.id}
          className={`pointer-events-auto flex items-start gap-3 rounded-xl border bg-bg px-4 py-3 text-sm text-fg shadow-lg ${
            kind === "error" ? dangerBorder : successBorder
          }`}
        >
          <p className="flex-1">{t.message}</p>
          <button
            type="button"
            onClick={() => dismiss(t.id)}
            className="rounded px-1 text-muted hover:text-fg"
            aria-label="Dismiss notification"
          >
            ×
          </button>
        </div>
      ));
  return (
    <div className="pointer-events-none fixed bottom-4 right-4 z-50 grid w-80 max-w-[calc(100%-2rem)] gap-2">
      <div role="alert" className="grid gap-2">
        {render("error")}
      </div>
      <div role="status" className="grid gap-2">
        {render("success")}
      </div>
    </div>
  );
}
