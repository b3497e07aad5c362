import { slugify } from "@folio/core";
import { postReadingTimeMinutes, renderPostBody } from "../content/render-body.js";
import type { PostBodyDocument, PostBodyNode, PostStatus } from "../schema/index.js";
import { demoThemes, type DemoTheme } from "./demo-corpus.js";
import type { Random } from "./random.js";

export interface DemoPostPlan {
  index: number;
  title: string;
  slug: string;
  excerpt: string;
  body: PostBodyDocument;
  html: string;
  readingTimeMinutes: number;
  status: PostStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  featured: boolean;
  coverImageUrl: string | null;
  coverImageAlt: string | null;
  authorSlugs: string[];
  tagSlugs: string[];
  primaryCategorySlug: string;
  categorySlugs: string[];
  seo: {
    metaTitle: string | null;
    metaDescription: string | null;
    ogTitle: string | null;
    ogDescription: string | null;
    ogImageUrl: string | null;
    canonicalUrl: string | null;
  };
}

const HOUR = 3_600_000;
const DRAFTS = new Set([7, 23, 41]);
const SCHEDULED = new Set([15, 52]);
const ARCHIVED = new Set([33]);
const FEATURED = new Set([0, 4, 9, 14, 21, 30, 38, 47]);
// Posts sharing one publication instant, so keyset pagination has ties to break.
const SAME_INSTANT_AS_PREVIOUS = new Set([11, 21, 22]);

const themeAuthors: Record<string, readonly string[]> = {
  engineering: ["tomas-lindqvist", "tomas-lindqvist", "daniel-asante"],
  editorial: ["maya-okafor", "maya-okafor", "daniel-asante"],
  design: ["priya-raman", "priya-raman", "maya-okafor"],
};
const allAuthorSlugs = ["maya-okafor", "tomas-lindqvist", "priya-raman", "daniel-asante"];
const allTagSlugs = demoThemes.flatMap((t) => t.tags);

/** First sentences of `text`, up to about `max` characters. */
function excerptOf(text: string, max = 220): string {
  const sentences = text.match(/[^.!?]+[.!?]+/g) ?? [text];
  let excerpt = "";
  for (const sentence of sentences) {
    const next = (excerpt + sentence).trim();
    if (excerpt.length > 0 && next.length > max) break;
    excerpt = next;
  }
  return excerpt;
}

const textNode = (text: string): PostBodyNode => ({ type: "text", text });
const paragraphOf = (text: string): PostBodyNode => ({ type: "paragraph", content: [textNode(text)] });
const headingOf = (level: 2 | 3, text: string): PostBodyNode => ({
  type: "heading",
  attrs: { level },
  content: [textNode(text)],
});
const listOf = (ordered: boolean, items: readonly string[]): PostBodyNode => ({
  type: ordered ? "orderedList" : "bulletList",
  ...(ordered ? { attrs: { start: 1 } } : {}),
  content: items.map((item) => ({ type: "listItem", content: [paragraphOf(item)] })),
});

/** A Tiptap document: paragraphs, headings, a list and a quote with its attribution. */
export function buildBody(theme: DemoTheme, random: Random): PostBodyDocument {
  const paragraphs = random.shuffle(theme.paragraphs);
  const headings = random.shuffle(theme.headings);
  const take = (): string => paragraphs.shift() ?? random.pick(theme.paragraphs);
  const paragraph = (): PostBodyNode => paragraphOf(take());
  const blocks: PostBodyNode[] = [paragraph(), paragraph()];
  blocks.push(headingOf(2, headings[0] ?? "Background"), paragraph(), paragraph());
  blocks.push(listOf(random.chance(0.3), random.pick(theme.lists)));
  blocks.push(paragraph(), headingOf(2, headings[1] ?? "Details"), paragraph());
  const quote = random.pick(theme.quotes);
  blocks.push({
    type: "blockquote",
    content: [
      paragraphOf(quote.text),
      {
        type: "paragraph",
        content: [{ type: "text", text: `— ${quote.caption}`, marks: [{ type: "italic" }] }],
      },
    ],
  });
  const extra = random.int(1, 3);
  if (extra >= 2) blocks.push(headingOf(3, headings[2] ?? "Next"));
  for (let i = 0; i < extra; i += 1) blocks.push(paragraph());
  return { type: "doc", content: blocks };
}

/** The ~60 demo posts, fully determined by `random` and `now`. */
export function planDemoPosts(random: Random, now: Date): DemoPostPlan[] {
  const plans: DemoPostPlan[] = [];
  const perTheme = Math.min(...demoThemes.map((t) => t.titles.length));
  let publishedAt = new Date(now.getTime() - 2 * HOUR);
  for (let index = 0; index < perTheme * demoThemes.length; index += 1) {
    const theme = demoThemes[index % demoThemes.length] as DemoTheme;
    const title = theme.titles[Math.floor(index / demoThemes.length)] as string;
    const body = buildBody(theme, random);
    const firstText = body.content[0]?.content?.[0]?.text ?? title;
    if (!SAME_INSTANT_AS_PREVIOUS.has(index)) {
      publishedAt = new Date(publishedAt.getTime() - random.int(18, 60) * HOUR - random.int(0, 59) * 60_000);
    }
    let status: PostStatus = "published";
    if (DRAFTS.has(index)) status = "draft";
    else if (SCHEDULED.has(index)) status = "scheduled";
    else if (ARCHIVED.has(index)) status = "archived";
    const postPublishedAt =
      status === "draft"
        ? null
        : status === "scheduled"
          ? new Date(now.getTime() + random.int(1, 5) * 24 * HOUR)
          : publishedAt;
    const createdAt = new Date((postPublishedAt ?? publishedAt).getTime() - random.int(4, 96) * HOUR);
    const updatedAt = new Date(
      Math.min(now.getTime(), (postPublishedAt ?? createdAt).getTime() + random.int(0, 48) * HOUR),
    );

    const primaryAuthor = random.pick(themeAuthors[theme.category] ?? allAuthorSlugs);
    const authorSlugs = [primaryAuthor];
    if (random.chance(0.2)) {
      authorSlugs.push(random.pick(allAuthorSlugs.filter((slug) => slug !== primaryAuthor)));
    }
    const tagSlugs = random.shuffle(theme.tags).slice(0, random.int(1, theme.tags.length));
    if (random.chance(0.25)) {
      const extra = random.pick(allTagSlugs.filter((slug) => !tagSlugs.includes(slug)));
      tagSlugs.push(extra);
    }
    const primaryCategorySlug = random.chance(0.45) ? theme.subcategory : theme.category;
    const categorySlugs = [primaryCategorySlug];
    if (primaryCategorySlug !== theme.category && random.chance(0.5)) categorySlugs.push(theme.category);

    const hasCover = index % 3 !== 2;
    const coverImageUrl = hasCover ? `/covers/${theme.category}-${(index % 4) + 1}.svg` : null;
    const excerpt = excerptOf(firstText);
    plans.push({
      index,
      title,
      slug: slugify(title),
      excerpt,
      body,
      html: renderPostBody(body),
      readingTimeMinutes: postReadingTimeMinutes(body),
      status,
      publishedAt: postPublishedAt,
      createdAt,
      updatedAt,
      featured: status === "published" && FEATURED.has(index),
      coverImageUrl,
      coverImageAlt: hasCover ? `Illustration for “${title}”` : null,
      authorSlugs,
      tagSlugs,
      primaryCategorySlug,
      categorySlugs,
      seo: {
        metaTitle: index % 2 === 0 ? `${title} | Folio` : null,
        metaDescription: excerpt,
        ogTitle: index % 4 === 0 ? title : null,
        ogDescription: index % 4 === 0 ? excerpt : null,
        ogImageUrl: coverImageUrl,
        canonicalUrl: null,
      },
    });
  }
  return plans;
}
