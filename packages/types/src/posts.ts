import { z } from "zod";
import { AuthorSummarySchema } from "./authors.js";
import {
  CursorSchema,
  IdSchema,
  LimitSchema,
  SlugSchema,
  TimestampSchema,
  listEnvelopeSchema,
} from "./common.js";
import { MediaVariantSchema } from "./media.js";
import { CategorySummarySchema, TagSummarySchema } from "./taxonomy.js";

export const PostIncludeValues = ["authors", "tags"] as const;
export type PostInclude = (typeof PostIncludeValues)[number];

export const CoverImageSchema = z
  .object({
    url: z.string(),
    alt: z.string().nullable(),
    media_id: IdSchema.nullable().meta({ description: "The media-library item, when the cover is one" }),
    focal_x: z.number().min(0).max(1).meta({ description: "Focal point (0..1) for object-position" }),
    focal_y: z.number().min(0).max(1),
    width: z.number().int().positive().nullable(),
    height: z.number().int().positive().nullable(),
    variants: z
      .array(MediaVariantSchema)
      .meta({ description: "Renditions for srcset; empty when the cover is not a library item" }),
  })
  .meta({ id: "CoverImage" });
export type CoverImage = z.infer<typeof CoverImageSchema>;

export const PostTypeValues = ["post", "page"] as const;
export type PostType = (typeof PostTypeValues)[number];
export const PostVisibilityValues = ["public", "members"] as const;
export type PostVisibility = (typeof PostVisibilityValues)[number];

export const PostSummarySchema = z
  .object({
    id: IdSchema,
    type: z.enum(PostTypeValues).meta({ description: "`post` (dated, listed) or `page` (standalone)" }),
    slug: SlugSchema,
    title: z.string(),
    excerpt: z.string().nullable(),
    featured: z.boolean(),
    visibility: z
      .enum(PostVisibilityValues)
      .meta({ description: "`members`: the body is for signed-in members only" }),
    cover_image: CoverImageSchema.nullable(),
    reading_time_minutes: z.number().int().nonnegative(),
    published_at: TimestampSchema,
    updated_at: TimestampSchema,
    primary_category: CategorySummarySchema.nullable(),
    authors: z
      .array(AuthorSummarySchema)
      .optional()
      .meta({ description: "In byline order; present when `include` names `authors`" }),
    tags: z.array(TagSummarySchema).optional().meta({ description: "Present when `include` names `tags`" }),
  })
  .meta({ id: "PostSummary" });
export type PostSummary = z.infer<typeof PostSummarySchema>;

export const SeoSchema = z
  .object({
    meta_title: z.string().nullable(),
    meta_description: z.string().nullable(),
    og_title: z.string().nullable(),
    og_description: z.string().nullable(),
    og_image_url: z.string().nullable(),
    canonical_url: z.string().nullable(),
    twitter_title: z.string().nullable(),
    twitter_description: z.string().nullable(),
    twitter_image_url: z.string().nullable(),
  })
  .meta({ id: "Seo" });
export type Seo = z.infer<typeof SeoSchema>;

// ---------------------------------------------------------------------------------------------
// Body: the editor's ProseMirror/Tiptap JSON document (decision 0006). Only the nodes and marks
// below are accepted; the server renders `html` from it (escaping every text, allow-listed
// attributes) and passes that through an allow-list sanitiser as a second line of defence.
// ---------------------------------------------------------------------------------------------

/** Limits of one document: nodes (text included), nesting depth and total text length. */
export const POST_BODY_MAX_NODES = 20_000;
export const POST_BODY_MAX_DEPTH = 12;
export const POST_BODY_MAX_TEXT = 200_000;

const URL_MAX = 2048;
// Control characters (C0, DEL, C1) and whitespace, which browsers strip from URLs.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f]/;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * A link target: http(s), mailto or a relative reference (`/path`, `#anchor`, `?q`, `page`).
 * Control characters and whitespace are refused outright, because browsers strip them and
 * `java\tscript:` would otherwise slip through the scheme check.
 */
export function isSafeLinkHref(href: string): boolean {
  if (href.length === 0 || href.length > URL_MAX || CONTROL_OR_SPACE.test(href)) return false;
  if (href.startsWith("//") || href.startsWith("\\") || href.includes("\\")) return false;
  const firstDelimiter = href.search(/[/?#]/);
  const scheme = SCHEME.exec(href);
  if (scheme && (firstDelimiter === -1 || scheme[0].length - 1 < firstDelimiter)) {
    const name = (scheme[1] ?? "").toLowerCase();
    return name === "http" || name === "https" || name === "mailto";
  }
  return true;
}

/** An image source: an absolute http(s) URL or a site-relative path (`/media/...`). */
export function isSafeImageSrc(src: string): boolean {
  if (src.length === 0 || src.length > URL_MAX || CONTROL_OR_SPACE.test(src)) return false;
  if (src.startsWith("/")) return !src.startsWith("//") && !src.includes("\\");
  return /^https?:\/\/[^/\\]/i.test(src);
}

const LinkHrefSchema = z
  .string()
  .refine(isSafeLinkHref, "must be an http(s) or mailto URL or a relative path");
const ImageSrcSchema = z.string().refine(isSafeImageSrc, "must be an http(s) URL or a site-relative path");

export const EMBED_PROVIDERS = ["youtube", "vimeo"] as const;
export type EmbedProvider = (typeof EMBED_PROVIDERS)[number];
export const EMBED_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const simpleMark = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });
export const PostBodyMarkSchema = z
  .discriminatedUnion("type", [
    simpleMark("bold"),
    simpleMark("italic"),
    simpleMark("underline"),
    simpleMark("strike"),
    simpleMark("code"),
    z.strictObject({
      type: z.literal("link"),
      attrs: z.strictObject({
        href: LinkHrefSchema,
        // Tiptap's Link extension writes these; the renderer sets its own rel and target.
        target: z.string().max(32).nullable().optional(),
        rel: z.string().max(128).nullable().optional(),
        class: z.string().max(128).nullable().optional(),
      }),
    }),
  ])
  .meta({ id: "PostBodyMark" });
export type PostBodyMark = z.infer<typeof PostBodyMarkSchema>;

const TextNodeSchema = z.strictObject({
  type: z.literal("text"),
  text: z.string().min(1),
  marks: z.array(PostBodyMarkSchema).max(16).optional(),
});
const HardBreakNodeSchema = z.strictObject({
  type: z.literal("hardBreak"),
  marks: z.array(PostBodyMarkSchema).max(16).optional(),
});
export const PostBodyInlineSchema = z
  .discriminatedUnion("type", [TextNodeSchema, HardBreakNodeSchema])
  .meta({ id: "PostBodyInline" });
export type PostBodyInline = z.infer<typeof PostBodyInlineSchema>;

const inlineContent = z.array(PostBodyInlineSchema).optional();

const ParagraphNodeSchema = z.strictObject({
  type: z.literal("paragraph"),
  content: inlineContent,
});
const HeadingNodeSchema = z.strictObject({
  type: z.literal("heading"),
  attrs: z.strictObject({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }),
  content: inlineContent,
});
const CodeBlockNodeSchema = z.strictObject({
  type: z.literal("codeBlock"),
  attrs: z
    .strictObject({
      language: z
        .string()
        .regex(/^[A-Za-z0-9_+#.-]{1,32}$/, "must be a language name such as typescript")
        .nullable(),
    })
    .optional(),
  content: z.array(z.strictObject({ type: z.literal("text"), text: z.string().min(1) })).optional(),
});
const HorizontalRuleNodeSchema = z.strictObject({ type: z.literal("horizontalRule") });
const ImageNodeSchema = z.strictObject({
  type: z.literal("image"),
  attrs: z.strictObject({
    src: ImageSrcSchema,
    alt: z.string().max(1000).nullable(),
    title: z.string().max(1000).nullable().optional(),
    mediaId: z.uuid().nullable().optional(),
  }),
});
const EmbedNodeSchema = z.strictObject({
  type: z.literal("embed"),
  attrs: z.strictObject({
    provider: z.enum(EMBED_PROVIDERS),
    id: z.string().regex(EMBED_ID_PATTERN, "must be a video id (letters, digits, _ and -)"),
    url: z
      .string()
      .max(URL_MAX)
      .regex(/^https:\/\/[^\s]+$/, "must be an https URL"),
  }),
});

/** Block nodes. Lists, list items and quotes contain blocks, so the schema is recursive. */
export interface PostBodyParagraph {
  type: "paragraph";
  content?: PostBodyInline[] | undefined;
}
export interface PostBodyHeading {
  type: "heading";
  attrs: { level: 2 | 3 | 4 };
  content?: PostBodyInline[] | undefined;
}
export interface PostBodyCodeBlock {
  type: "codeBlock";
  attrs?: { language: string | null } | undefined;
  content?: { type: "text"; text: string }[] | undefined;
}
export interface PostBodyHorizontalRule {
  type: "horizontalRule";
}
export interface PostBodyImage {
  type: "image";
  attrs: {
    src: string;
    alt: string | null;
    title?: string | null | undefined;
    mediaId?: string | null | undefined;
  };
}
export interface PostBodyEmbed {
  type: "embed";
  attrs: { provider: EmbedProvider; id: string; url: string };
}
export interface PostBodyListItem {
  type: "listItem";
  content?: PostBodyBlock[] | undefined;
}
export interface PostBodyBulletList {
  type: "bulletList";
  content?: PostBodyListItem[] | undefined;
}
export interface PostBodyOrderedList {
  type: "orderedList";
  attrs?: { start?: number | undefined; type?: string | null | undefined } | undefined;
  content?: PostBodyListItem[] | undefined;
}
export interface PostBodyBlockquote {
  type: "blockquote";
  content?: PostBodyBlock[] | undefined;
}
export type PostBodyBlock =
  | PostBodyParagraph
  | PostBodyHeading
  | PostBodyCodeBlock
  | PostBodyHorizontalRule
  | PostBodyImage
  | PostBodyEmbed
  | PostBodyBulletList
  | PostBodyOrderedList
  | PostBodyBlockquote;
export interface PostBody {
  type: "doc";
  content: PostBodyBlock[];
}

const ListItemNodeSchema = z.strictObject({
  type: z.literal("listItem"),
  get content() {
    return z.array(BlockNodeSchema).optional();
  },
});
const BulletListNodeSchema = z.strictObject({
  type: z.literal("bulletList"),
  content: z.array(ListItemNodeSchema).optional(),
});
const OrderedListNodeSchema = z.strictObject({
  type: z.literal("orderedList"),
  attrs: z
    .strictObject({
      start: z.number().int().min(0).max(1_000_000).optional(),
      // Tiptap 3 writes `type` (the list-style letter); the renderer ignores it.
      type: z.string().max(8).nullable().optional(),
    })
    .optional(),
  content: z.array(ListItemNodeSchema).optional(),
});
const BlockquoteNodeSchema = z.strictObject({
  type: z.literal("blockquote"),
  get content() {
    return z.array(BlockNodeSchema).optional();
  },
});
const BlockNodeSchema: z.ZodType<PostBodyBlock> = z.discriminatedUnion("type", [
  ParagraphNodeSchema,
  HeadingNodeSchema,
  CodeBlockNodeSchema,
  HorizontalRuleNodeSchema,
  ImageNodeSchema,
  EmbedNodeSchema,
  BulletListNodeSchema,
  OrderedListNodeSchema,
  BlockquoteNodeSchema,
]);
const DocumentStructureSchema = z.strictObject({ type: z.literal("doc"), content: z.array(BlockNodeSchema) });

/** Counts nodes (text included), the deepest nesting and the text length of a document. */
export function measurePostBody(doc: { content?: unknown }): { nodes: number; depth: number; text: number } {
  let nodes = 0;
  let depth = 0;
  let text = 0;
  // Iterative and bounded, so a hostile, absurdly deep document cannot exhaust the stack.
  const stack: { node: unknown; depth: number }[] = [];
  for (const child of Array.isArray(doc.content) ? (doc.content as unknown[]) : [])
    stack.push({ node: child, depth: 1 });
  while (stack.length > 0) {
    const { node, depth: d } = stack.pop()!;
    nodes += 1;
    if (d > depth) depth = d;
    if (typeof node !== "object" || node === null) continue;
    const n = node as { text?: unknown; content?: unknown };
    if (typeof n.text === "string") text += n.text.length;
    if (Array.isArray(n.content) && d <= POST_BODY_MAX_DEPTH && nodes <= POST_BODY_MAX_NODES)
      for (const child of n.content as unknown[]) stack.push({ node: child, depth: d + 1 });
  }
  return { nodes, depth, text };
}

/**
 * The body document. The size limits are checked first, iteratively, and only a document within
 * them is validated node by node (zod recurses, and a hostile nesting must not reach it).
 */
export const PostBodySchema = z
  .custom<PostBody>()
  .superRefine((value, ctx) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: 'must be a document object { type: "doc", content: [...] }' });
      return;
    }
    const m = measurePostBody(value);
    const limits: string[] = [];
    if (m.nodes > POST_BODY_MAX_NODES) limits.push(`has more than ${POST_BODY_MAX_NODES} nodes`);
    if (m.depth > POST_BODY_MAX_DEPTH) limits.push(`is nested deeper than ${POST_BODY_MAX_DEPTH} levels`);
    if (m.text > POST_BODY_MAX_TEXT) limits.push(`has more than ${POST_BODY_MAX_TEXT} characters of text`);
    if (limits.length > 0) {
      for (const message of limits) ctx.addIssue({ code: "custom", message });
      return;
    }
    const result = DocumentStructureSchema.safeParse(value);
    if (!result.success)
      for (const issue of result.error.issues)
        ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  })
  .meta({
    id: "PostBody",
    description:
      'The editor\'s ProseMirror/Tiptap JSON document `{ "type": "doc", "content": [...] }`. Nodes: ' +
      "paragraph, text, heading (attrs.level 2-4), bulletList, orderedList (attrs.start), listItem, " +
      "blockquote, codeBlock (attrs.language), horizontalRule, hardBreak, image (attrs src, alt, title, " +
      "mediaId), embed (attrs provider youtube|vimeo, id, url). Marks: bold, italic, underline, strike, " +
      `code, link (attrs.href: http, https, mailto or relative). At most ${POST_BODY_MAX_NODES} nodes, ` +
      `${POST_BODY_MAX_DEPTH} levels and ${POST_BODY_MAX_TEXT} characters of text.`,
  });

/** An empty document (what a new post starts with). */
export function emptyPostBody(): PostBody {
  return { type: "doc", content: [] };
}

export const PostSchema = PostSummarySchema.extend({
  html: z.string().meta({ description: "Sanitised rendering of `body`; empty when `gated`" }),
  gated: z
    .boolean()
    .meta({ description: "True when the body is withheld: members-only and the caller is not signed in" }),
  comments_enabled: z.boolean(),
  body: PostBodySchema,
  authors: z.array(AuthorSummarySchema),
  tags: z.array(TagSummarySchema),
  categories: z.array(CategorySummarySchema),
  seo: SeoSchema,
  created_at: TimestampSchema,
}).meta({ id: "Post" });
export type Post = z.infer<typeof PostSchema>;

/** A page (`type: "page"`): the same shape as a post. */
export const PageSchema = PostSchema.extend({}).meta({ id: "Page" });
export type Page = z.infer<typeof PageSchema>;

export const PostListSchema = listEnvelopeSchema(PostSummarySchema).meta({ id: "PostList" });
export type PostList = z.infer<typeof PostListSchema>;

const includeSchema = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const parts = value
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    const unknown = parts.filter((p) => !(PostIncludeValues as readonly string[]).includes(p));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `unknown include ${unknown.map((u) => JSON.stringify(u)).join(", ")}; allowed: ${PostIncludeValues.join(", ")}`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as PostInclude[];
  })
  .meta({ description: "Comma-separated relations to embed: authors, tags", example: "authors,tags" });

const booleanQuerySchema = z
  .enum(["true", "false"])
  .transform((v) => v === "true")
  .meta({ description: "`true` or `false`" });

export const ListPostsQuerySchema = z.strictObject({
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
  tag: SlugSchema.optional().meta({ description: "Only posts with this tag slug" }),
  category: SlugSchema.optional().meta({ description: "Only posts in this category slug" }),
  author: SlugSchema.optional().meta({ description: "Only posts by this author slug" }),
  featured: booleanQuerySchema.optional(),
  include: includeSchema.optional(),
});
/** The parsed query (after coercion and defaults). */
export type ListPostsQuery = z.output<typeof ListPostsQuerySchema>;
/** The query as a client sends it. */
export type ListPostsQueryInput = z.input<typeof ListPostsQuerySchema>;

export const PageSlugParamsSchema = z.strictObject({ slug: SlugSchema });
export type PageSlugParams = z.infer<typeof PageSlugParamsSchema>;

export const PostSlugParamsSchema = z.strictObject({ slug: SlugSchema });
export type PostSlugParams = z.infer<typeof PostSlugParamsSchema>;
