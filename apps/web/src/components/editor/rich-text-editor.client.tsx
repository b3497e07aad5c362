"use client";

import type { Media } from "@folio/types";
import type { Editor } from "@tiptap/core";
import { EditorContent, useEditor } from "@tiptap/react";
import { type FormEvent, useEffect, useId, useState } from "react";
import { FieldError } from "@/components/auth/form-controls";
import { inputClass, labelClass, primaryButton, secondaryButton } from "@/components/auth/styles";
import { MediaPicker } from "@/components/media/media-picker.client";
import { type PostDoc, normaliseLinkInput, parseEmbedUrl, toEditorDoc } from "./body-doc";
import { Modal, formText } from "./dialog.client";
import { EditorToolbar } from "./editor-toolbar.client";
import { editorExtensions } from "./extensions";

// The body editor: Tiptap with the contract's node set, the toolbar, and the link, image and video
// dialogs. It reports every change (onChange) and hands its Editor out (onReady) so the post
// editor can read the document, set it (restore, conflict) and anchor notes to the selection.

type DialogKind = "link" | "embed" | "image-alt" | null;

// The site's `.prose` typography (globals.css), plus the editor-only bits: the video placeholder,
// the selected node and an empty first line. Written out in full so Tailwind finds the classes.
const EDITOR_CLASS = [
  "prose min-h-[24rem] px-5 py-4 focus:outline-none",
  "[&_.folio-embed]:grid [&_.folio-embed]:gap-1 [&_.folio-embed]:rounded-lg [&_.folio-embed]:border",
  "[&_.folio-embed]:border-line [&_.folio-embed]:bg-surface [&_.folio-embed]:p-4 [&_.folio-embed]:text-base",
  "[&_.folio-embed-label]:font-semibold [&_.folio-embed-url]:break-all [&_.folio-embed-url]:text-sm",
  "[&_.folio-embed-url]:text-muted [&_.ProseMirror-selectednode]:outline-2",
  "[&_.ProseMirror-selectednode]:outline-offset-2 [&_.ProseMirror-selectednode]:outline-[var(--focus)]",
].join(" ");

export function RichTextEditor({
  initial,
  editable,
  onChange,
  onReady,
  labelledBy,
}: {
  initial: PostDoc;
  editable: boolean;
  onChange: () => void;
  onReady: (editor: Editor | null) => void;
  labelledBy: string;
}) {
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [picked, setPicked] = useState<Media | null>(null);
  const [extensions] = useState(editorExtensions);
  const editor = useEditor({
    extensions,
    content: toEditorDoc(initial),
    editable,
    // Rendered in the browser only: the server has no selection or DOM to match.
    immediatelyRender: false,
    editorProps: {
      attributes: {
        id: "post-body-editor",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelledBy,
        class: EDITOR_CLASS,
      },
      handleKeyDown: (_view, event) => {
        if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === "k") {
          event.preventDefault();
          setDialog("link");
          return true;
        }
        return false;
      },
    },
    onUpdate: () => onChange(),
  });

  useEffect(() => {
    onReady(editor);
    return () => onReady(null);
  }, [editor, onReady]);
  useEffect(() => {
    // No update event: toggling read-only is not an edit.
    if (editor !== null && editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, editable]);

  if (editor === null) {
    return (
      <div aria-busy="true" className="min-h-[28rem] animate-pulse rounded-xl border border-line bg-surface">
        <span className="sr-only">Loading the editor…</span>
      </div>
    );
  }

  return (
    <div className="rounded-xl border border-line">
      {editable && (
        <EditorToolbar
          editor={editor}
          onLink={() => setDialog("link")}
          onImage={() => setPickerOpen(true)}
          onEmbed={() => setDialog("embed")}
        />
      )}
      <EditorContent editor={editor} />
      <LinkDialog open={dialog === "link"} editor={editor} onClose={() => setDialog(null)} />
      <EmbedDialog open={dialog === "embed"} editor={editor} onClose={() => setDialog(null)} />
      <MediaPicker
        open={pickerOpen}
        onClose={() => setPickerOpen(false)}
        onSelect={(media: Media) => {
          setPickerOpen(false);
          setPicked(media);
          setDialog("image-alt");
        }}
      />
      <ImageAltDialog
        open={dialog === "image-alt"}
        media={picked}
        onClose={() => {
          setDialog(null);
          setPicked(null);
          editor.commands.focus();
        }}
        onInsert={(alt, caption) => {
          if (picked === null) return;
          editor
            .chain()
            .focus()
            .insertContent({
              type: "image",
              attrs: { src: picked.url, alt, title: caption === "" ? null : caption, mediaId: picked.id },
            })
            .run();
          setDialog(null);
          setPicked(null);
        }}
      />
    </div>
  );
}

function LinkDialog({ open, editor, onClose }: { open: boolean; editor: Editor; onClose: () => void }) {
  const id = useId();
  const [error, setError] = useState<string | undefined>(undefined);
  const current = (editor.getAttributes("link").href as string | undefined) ?? "";
  const close = () => {
    setError(undefined);
    onClose();
    editor.commands.focus();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const raw = new FormData(event.currentTarget).get("href");
    const href = normaliseLinkInput(typeof raw === "string" ? raw : "");
    if (href === null) {
      setError("Enter a web address (https://…) or an email address (mailto:…).");
      return;
    }
    const chain = editor.chain().focus().extendMarkRange("link");
    if (editor.state.selection.empty && !editor.isActive("link"))
      chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    else chain.setLink({ href }).run();
    close();
  };
  return (
    <Modal open={open} onClose={close} title={current === "" ? "Add a link" : "Edit link"}>
      <form onSubmit={submit} className="grid gap-4" noValidate>
        <div>
          <label htmlFor={`${id}-href`} className={labelClass}>
            Address
          </label>
          <input
            id={`${id}-href`}
            name="href"
            type="text"
            inputMode="url"
            autoFocus
            defaultValue={current}
            placeholder="https://example.com"
            aria-invalid={error !== undefined ? true : undefined}
            aria-describedby={error !== undefined ? `${id}-error` : `${id}-hint`}
            className={inputClass}
          />
          <p id={`${id}-hint`} className="mt-1 text-sm text-muted">
            http, https or mailto addresses.
          </p>
          {error !== undefined && <FieldError id={`${id}-error`}>{error}</FieldError>}
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          {current !== "" && (
            <button
              type="button"
              className={secondaryButton}
              onClick={() => {
                editor.chain().focus().extendMarkRange("link").unsetLink().run();
                close();
              }}
            >
              Remove link
            </button>
          )}
          <button type="button" className={secondaryButton} onClick={close}>
            Cancel
          </button>
          <button type="submit" className={primaryButton}>
            Apply
          </button>
        </div>
      </form>
    </Modal>
  );
}

function EmbedDialog({ open, editor, onClose }: { open: boolean; editor: Editor; onClose: () => void }) {
  const id = useId();
  const [error, setError] = useState<string | undefined>(undefined);
  const close = () => {
    setError(undefined);
    onClose();
    editor.commands.focus();
  };
  return (
    <Modal open={open} onClose={close} title="Embed a video">
      <form
        noValidate
        className="grid gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          const raw = new FormData(event.currentTarget).get("url");
          const url = typeof raw === "string" ? raw : "";
          if (parseEmbedUrl(url) === null) {
            setError("Paste the address of a YouTube or Vimeo video.");
            return;
          }
          editor.chain().focus().setEmbed(url).run();
          close();
        }}
      >
        <div>
          <label htmlFor={`${id}-url`} className={labelClass}>
            Video address
          </label>
          <input
            id={`${id}-url`}
            name="url"
            type="url"
            autoFocus
            placeholder="https://www.youtube.com/watch?v=…"
            aria-invalid={error !== undefined ? true : undefined}
            aria-describedby={error !== undefined ? `${id}-error` : `${id}-hint`}
            className={inputClass}
          />
          <p id={`${id}-hint`} className="mt-1 text-sm text-muted">
            YouTube or Vimeo. Readers get a privacy-enhanced player.
          </p>
          {error !== undefined && <FieldError id={`${id}-error`}>{error}</FieldError>}
        </div>
        <div className="flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={close}>
            Cancel
          </button>
          <button type="submit" className={primaryButton}>
            Embed
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ImageAltDialog({
  open,
  media,
  onClose,
  onInsert,
}: {
  open: boolean;
  media: Media | null;
  onClose: () => void;
  onInsert: (alt: string, caption: string) => void;
}) {
  const id = useId();
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <Modal open={open && media !== null} onClose={onClose} title="Describe the image">
      {media !== null && (
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const alt = formText(data, "alt").trim();
            const decorative = data.get("decorative") === "on";
            if (alt === "" && !decorative) {
              setError("Describe the image for people who cannot see it, or mark it as decorative.");
              return;
            }
            setError(undefined);
            onInsert(decorative ? "" : alt, formText(data, "caption").trim());
          }}
        >
          <img src={media.url} alt="" className="max-h-48 w-full rounded-lg object-contain" />
          <div>
            <label htmlFor={`${id}-alt`} className={labelClass}>
              Alternative text
            </label>
            <input
              id={`${id}-alt`}
              name="alt"
              autoFocus
              defaultValue={media.alt}
              maxLength={1000}
              aria-invalid={error !== undefined ? true : undefined}
              aria-describedby={error !== undefined ? `${id}-error` : undefined}
              className={inputClass}
            />
            {error !== undefined && <FieldError id={`${id}-error`}>{error}</FieldError>}
          </div>
          <label className="flex items-center gap-2 text-sm text-fg">
            <input type="checkbox" name="decorative" /> Decorative image (no description)
          </label>
          <div>
            <label htmlFor={`${id}-caption`} className={labelClass}>
              Caption (optional)
            </label>
            <input
              id={`${id}-caption`}
              name="caption"
              defaultValue={media.caption ?? ""}
              maxLength={1000}
              className={inputClass}
            />
          </div>
          <div className="flex justify-end gap-2">
            <button type="button" className={secondaryButton} onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className={primaryButton}>
              Insert image
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
