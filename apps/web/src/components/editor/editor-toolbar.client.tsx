"use client";

import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { type KeyboardEvent, type ReactNode, useRef } from "react";
import { CODE_LANGUAGE } from "./body-doc";

// The formatting toolbar (WAI-ARIA toolbar pattern: one tab stop, arrow keys move between
// buttons, Home/End jump). Every button has a label naming its shortcut and reports its state
// with aria-pressed. Links, images and videos open dialogs owned by the editor.

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
export const modKey = () => (isMac() ? "⌘" : "Ctrl+");

/** "Ctrl+Alt+2" / "⌘Shift+S" → the aria-keyshortcuts form, "Control+Alt+2" / "Meta+Shift+S". */
function ariaShortcut(shortcut: string): string {
  return shortcut.replace(/^⌘/, "Meta+").replace(/^Ctrl\+/, "Control+");
}

interface Props {
  editor: Editor;
  onLink: () => void;
  onImage: () => void;
  onEmbed: () => void;
}

function ToolButton({
  label,
  shortcut,
  pressed,
  disabled,
  onClick,
  children,
}: {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  const full = shortcut === undefined ? label : `${label} (${shortcut})`;
  return (
    <button
      type="button"
      data-toolbar-item=""
      title={full}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut === undefined ? undefined : ariaShortcut(shortcut)}
      disabled={disabled}
      tabIndex={-1}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      className={`inline-flex h-8 min-w-8 items-center justify-center rounded-md px-2 text-sm font-semibold disabled:opacity-40 ${
        pressed === true ? "bg-accent text-accent-fg" : "text-fg hover:bg-surface"
      }`}
    >
      {/* The glyph is decoration; the name (with its shortcut) is read instead. */}
      <span aria-hidden="true">{children}</span>
      <span className="sr-only">{full}</span>
    </button>
  );
}

function Separator() {
  return <span role="separator" aria-orientation="vertical" className="mx-1 h-6 w-px bg-line" />;
}

export function EditorToolbar({ editor, onLink, onImage, onEmbed }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      underline: e.isActive("underline"),
      strike: e.isActive("strike"),
      code: e.isActive("code"),
      link: e.isActive("link"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      h4: e.isActive("heading", { level: 4 }),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
      codeBlock: e.isActive("codeBlock"),
      language: (e.getAttributes("codeBlock").language as string | null | undefined) ?? "",
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const m = modKey();
  const chain = () => editor.chain().focus();

  // Roving tab stop: the first enabled button (or the last one used) is the one Tab reaches.
  const items = () =>
    Array.from(ref.current?.querySelectorAll<HTMLElement>("[data-toolbar-item]:not(:disabled)") ?? []);
  const onFocus = () => {
    const all = items();
    if (all.length > 0 && !all.some((el) => el.tabIndex === 0)) all[0]!.tabIndex = 0;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    if (index === -1) return;
    let next: number;
    if (event.key === "ArrowRight") next = (index + 1) % all.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + all.length) % all.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = all.length - 1;
    else return;
    event.preventDefault();
    for (const el of all) el.tabIndex = -1;
    all[next]!.tabIndex = 0;
    all[next]!.focus();
  };

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label="Formatting"
      aria-controls="post-body-editor"
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      className="sticky top-0 z-10 flex flex-wrap items-center gap-0.5 border-b border-line bg-bg/95 px-2 py-1.5 backdrop-blur"
    >
      <ToolButton
        label="Heading 2"
        shortcut={`${m}Alt+2`}
        pressed={state.h2}
        onClick={() => chain().toggleHeading({ level: 2 }).run()}
      >
        H2
      </ToolButton>
      <ToolButton
        label="Heading 3"
        shortcut={`${m}Alt+3`}
        pressed={state.h3}
        onClick={() => chain().toggleHeading({ level: 3 }).run()}
      >
        H3
      </ToolButton>
      <ToolButton
        label="Heading 4"
        shortcut={`${m}Alt+4`}
        pressed={state.h4}
        onClick={() => chain().toggleHeading({ level: 4 }).run()}
      >
        H4
      </ToolButton>
      <Separator />
      <ToolButton
        label="Bold"
        shortcut={`${m}B`}
        pressed={state.bold}
        onClick={() => chain().toggleBold().run()}
      >
        <b>B</b>
      </ToolButton>
      <ToolButton
        label="Italic"
        shortcut={`${m}I`}
        pressed={state.italic}
        onClick={() => chain().toggleItalic().run()}
      >
        <i>I</i>
      </ToolButton>
      <ToolButton
        label="Underline"
        shortcut={`${m}U`}
        pressed={state.underline}
        onClick={() => chain().toggleUnderline().run()}
      >
        <u>U</u>
      </ToolButton>
      <ToolButton
        label="Strikethrough"
        shortcut={`${m}Shift+S`}
        pressed={state.strike}
        onClick={() => chain().toggleStrike().run()}
      >
        <s>S</s>
      </ToolButton>
      <ToolButton
        label="Inline code"
        shortcut={`${m}E`}
        pressed={state.code}
        onClick={() => chain().toggleCode().run()}
      >
        <code>{"</>"}</code>
      </ToolButton>
      <ToolButton label="Link" shortcut={`${m}K`} pressed={state.link} onClick={onLink}>
        Link
      </ToolButton>
      <Separator />
      <ToolButton
        label="Bulleted list"
        shortcut={`${m}Shift+8`}
        pressed={state.bulletList}
        onClick={() => chain().toggleBulletList().run()}
      >
        • List
      </ToolButton>
      <ToolButton
        label="Numbered list"
        shortcut={`${m}Shift+7`}
        pressed={state.orderedList}
        onClick={() => chain().toggleOrderedList().run()}
      >
        1. List
      </ToolButton>
      <ToolButton
        label="Quote"
        shortcut={`${m}Shift+B`}
        pressed={state.blockquote}
        onClick={() => chain().toggleBlockquote().run()}
      >
        “ ”
      </ToolButton>
      <ToolButton
        label="Code block"
        shortcut={`${m}Alt+C`}
        pressed={state.codeBlock}
        onClick={() => chain().toggleCodeBlock().run()}
      >
        {"{ }"}
      </ToolButton>
      <ToolButton label="Horizontal rule" onClick={() => chain().setHorizontalRule().run()}>
        ―
      </ToolButton>
      <Separator />
      <ToolButton label="Image" onClick={onImage}>
        Image
      </ToolButton>
      <ToolButton label="Video (YouTube or Vimeo)" onClick={onEmbed}>
        Video
      </ToolButton>
      <Separator />
      <ToolButton
        label="Undo"
        shortcut={`${m}Z`}
        disabled={!state.canUndo}
        onClick={() => chain().undo().run()}
      >
        ↶
      </ToolButton>
      <ToolButton
        label="Redo"
        shortcut={`${m}Shift+Z`}
        disabled={!state.canRedo}
        onClick={() => chain().redo().run()}
      >
        ↷
      </ToolButton>
      {state.codeBlock && (
        <label className="ml-2 flex items-center gap-1.5 text-sm text-muted">
          Language
          <input
            key={state.language}
            defaultValue={state.language}
            data-toolbar-item=""
            tabIndex={-1}
            maxLength={32}
            placeholder="plain"
            className="w-28 rounded-md border border-line bg-bg px-2 py-1 text-sm text-fg"
            onKeyDown={(e) => {
              if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End")
                e.stopPropagation();
              if (e.key === "Enter") {
                e.preventDefault();
                e.currentTarget.blur();
              }
            }}
            onBlur={(e) => {
              const value = e.currentTarget.value.trim();
              editor
                .chain()
                .updateAttributes("codeBlock", { language: CODE_LANGUAGE.test(value) ? value : null })
                .run();
            }}
          />
        </label>
      )}
    </div>
  );
}
