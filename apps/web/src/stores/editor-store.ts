import { create } from "zustand";

// UI state of the post editor: which side panel is open, whether there are unsaved changes and how
// the last save went. The post itself is server data (TanStack Query, key ["admin", "post", id]);
// the fields being edited live in the editor component.

export type EditorPanel = "settings" | "seo" | "revisions" | "notes" | "history";

/** What the status line says: "Saved", "Saving…", "Unsaved changes", "Offline — changes kept locally". */
export type SaveState = "saved" | "saving" | "dirty" | "offline" | "error" | "conflict";

export interface EditorUiState {
  panel: EditorPanel | null;
  saveState: SaveState;
  /** When the server last acknowledged a save (ISO), for "Saved at 10:42". */
  lastSavedAt: string | null;
  /** The last save error worth showing (not for offline, which has its own state). */
  saveError: string | null;
  setPanel: (panel: EditorPanel | null) => void;
  togglePanel: (panel: EditorPanel) => void;
  setSaveState: (state: SaveState, error?: string | null) => void;
  markSaved: (at: string) => void;
  reset: () => void;
}

const INITIAL = { panel: null, saveState: "saved", lastSavedAt: null, saveError: null } as const;

export const useEditorStore = create<EditorUiState>()((set) => ({
  ...INITIAL,
  setPanel: (panel) => set({ panel }),
  togglePanel: (panel) => set((s) => ({ panel: s.panel === panel ? null : panel })),
  setSaveState: (saveState, error = null) => set({ saveState, saveError: error }),
  markSaved: (at) => set({ saveState: "saved", lastSavedAt: at, saveError: null }),
  reset: () => set({ ...INITIAL }),
}));

/** The label of the save state, shown in the status line (a polite live region). */
export function saveStateLabel(state: SaveState): string {
  switch (state) {
    case "saved":
      return "Saved";
    case "saving":
      return "Saving…";
    case "dirty":
      return "Unsaved changes";
    case "offline":
      return "Offline — changes kept locally";
    case "error":
      return "Not saved";
    case "conflict":
      return "Someone else changed this post";
  }
}
