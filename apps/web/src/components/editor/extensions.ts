import { type Extensions, Node, mergeAttributes } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import StarterKit from "@tiptap/starter-kit";
import { isAllowedHref, parseEmbedUrl } from "./body-doc";

// Exactly the node and mark set of the contract ("Body format"): headings 2–4, lists, quote, code
// block with a language, images with alt and media id, YouTube/Vimeo embeds, links
// (http/https/mailto/relative), horizontal rule and hard break. Anything pasted outside the set is
// dropped by the schema.

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    embed: {
      /** Inserts a YouTube or Vimeo video from its URL; false when the URL is neither. */
      setEmbed: (url: string) => ReturnType;
    };
  }
}

/** A block `embed` node (attrs provider, id, url). The editor shows a placeholder, not the player. */
export const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      provider: { default: "youtube" },
      id: { default: "" },
      url: { default: "" },
    };
  },
  parseHTML() {
    return [
      {
        tag: "div[data-embed]",
        getAttrs: (element) => {
          const parsed = parseEmbedUrl(element.getAttribute("data-url") ?? "");
          return parsed === null ? false : { ...parsed };
        },
      },
    ];
  },
  renderHTML({ node, HTMLAttributes }) {
    const attrs = node.attrs as { provider: string; url: string };
    const label = attrs.provider === "vimeo" ? "Vimeo video" : "YouTube video";
    return [
      "div",
      mergeAttributes(HTMLAttributes, {
        "data-embed": attrs.provider,
        "data-url": attrs.url,
        class: "folio-embed",
        role: "figure",
        "aria-label": `${label}: ${attrs.url}`,
      }),
      ["span", { class: "folio-embed-label" }, `▶ ${label}`],
      ["span", { class: "folio-embed-url" }, attrs.url],
    ];
  },
  addCommands() {
    return {
      setEmbed:
        (url: string) =>
        ({ commands }) => {
          const attrs = parseEmbedUrl(url);
          if (attrs === null) return false;
          return commands.insertContent({ type: this.name, attrs });
        },
    };
  },
});

/** The image node with the media library id the contract keeps (`mediaId`), no width/height. */
export const PostImage = Image.extend({
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: "" },
      title: { default: null },
      mediaId: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute("data-media-id"),
        renderHTML: (attributes: { mediaId?: string | null }) =>
          attributes.mediaId ? { "data-media-id": attributes.mediaId } : {},
      },
    };
  },
}).configure({ inline: false, allowBase64: false });

export function editorExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      codeBlock: { languageClassPrefix: "language-", HTMLAttributes: { spellcheck: "false" } },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        protocols: ["mailto"],
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
    PostImage,
    Embed,
  ];
}
