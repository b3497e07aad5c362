import { FeedSchema, SitemapIndexSchema, type Feed, type FeedItem } from "@folio/types";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import {
  cdata,
  escapeXml,
  parseSitemapChunkName,
  renderAtom,
  renderRss,
  renderSitemapChunk,
  renderSitemapIndex,
} from "./feed-xml";

const site = { origin: "https://blog.example", name: "Folio & Friends", description: "Notes <and> essays" };

const hostileTitle = `<script>alert("x")</script> & "quotes" 'single' \u0000\u0008 ]]> done`;
const hostileHtml = `<p>Hello</p><pre>if (a]]>b) { x(); }</pre><p>]]></p>`;

function item(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    id: "01890000-0000-7000-8000-000000000001",
    slug: "hello-world",
    title: "Hello world",
    excerpt: "A first post",
    html: "<p>Hi</p>",
    gated: false,
    published_at: "2026-11-30T10:00:00.000Z",
    updated_at: "2026-11-30T11:00:00.000Z",
    authors: [
      { id: "01890000-0000-7000-8000-0000000000aa", slug: "ada", name: "Ada & Co", avatar_url: null },
    ],
    tags: [{ id: "01890000-0000-7000-8000-0000000000bb", slug: "news", name: "News <b>" }],
    primary_category: null,
    ...overrides,
  };
}

const feed: Feed = FeedSchema.parse({
  scope: { kind: "tag", slug: "news", name: "News <b>", description: null },
  updated_at: "2026-11-30T11:00:00.000Z",
  items: [
    item({ title: hostileTitle, html: hostileHtml }),
    item({
      id: "01890000-0000-7000-8000-000000000002",
      slug: "members-only",
      title: "Members scoop",
      excerpt: "Teaser",
      html: "",
      gated: true,
    }),
  ],
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", cdataPropName: "#cdata" });

function valid(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
}

describe("XML escaping", () => {
  it("escapes markup characters and drops characters XML cannot carry", () => {
    expect(escapeXml(`<a href="x">&'</a>\u0001`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    expect(escapeXml("lone \ud800 surrogate, pair \ud83d\ude00")).toBe("lone  surrogate, pair \ud83d\ude00");
  });

  it("splits ]]> across CDATA sections so the content round-trips", () => {
    const section = cdata("a]]>b");
    expect(section).toBe("<![CDATA[a]]]]><![CDATA[>b]]>");
    const parsed = new XMLParser().parse(`<x>${section}</x>`) as { x: string };
    expect(parsed.x).toBe("a]]>b");
  });
});

describe("RSS 2.0", () => {
  const xml = renderRss(feed, site);

  it("is well-formed, with atom:link rel=self, dc:creator and content:encoded", () => {
    valid(xml);
    const doc = parser.parse(xml) as {
      rss: {
        "@_version": string;
        channel: {
          title: string;
          "atom:link": { "@_href": string; "@_rel": string };
          item: Record<string, unknown>[];
        };
      };
    };
    expect(doc.rss["@_version"]).toBe("2.0");
    const channel = doc.rss.channel;
    expect(channel.title).toBe("Folio & Friends: News <b>");
    expect(channel["atom:link"]).toMatchObject({
      "@_href": "https://blog.example/tag/news/rss.xml",
      "@_rel": "self",
    });
    expect(channel.item).toHaveLength(2);
    const [first, gated] = channel.item as [Record<string, unknown>, Record<string, unknown>];
    // The hostile title comes back as text, minus the NUL and backspace, never as markup.
    expect(first.title).toBe(`<script>alert("x")</script> & "quotes" 'single'  ]]> done`);
    expect(xml).not.toContain("<script>");
    expect(first["dc:creator"]).toBe("Ada & Co");
    expect(first.link).toBe("https://blog.example/hello-world");
    // The split CDATA sections join back into the exact html.
    const sections = (first["content:encoded"] as { "#cdata": string | string[] })["#cdata"];
    expect([sections].flat().join("")).toBe(hostileHtml);
    expect(first.pubDate).toBe("Mon, 30 Nov 2026 10:00:00 GMT");
    // Members-only: the excerpt only, no body.
    expect(gated["content:encoded"]).toBeUndefined();
    expect(gated.description).toBe("Teaser (Members only.)");
  });
});

describe("Atom 1.0", () => {
  const xml = renderAtom(feed, site);

  it("is well-formed with ids, self link, authors and escaped html content", () => {
    valid(xml);
    const doc = parser.parse(xml) as {
      feed: {
        "@_xmlns": string;
        id: string;
        link: { "@_rel": string; "@_href": string }[];
        entry: Record<string, unknown>[];
      };
    };
    expect(doc.feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(doc.feed.link.find((l) => l["@_rel"] === "self")?.["@_href"]).toBe(
      "https://blog.example/tag/news/atom.xml",
    );
    const [first, gated] = doc.feed.entry as [Record<string, unknown>, Record<string, unknown>];
    expect(first.id).toBe("urn:uuid:01890000-0000-7000-8000-000000000001");
    expect((first.title as { "#text": string })["#text"]).toBe(
      `<script>alert("x")</script> & "quotes" 'single'  ]]> done`,
    );
    expect((first.content as { "#text": string; "@_type": string })["#text"]).toBe(hostileHtml);
    expect((first.author as { name: string }).name).toBe("Ada & Co");
    expect(gated.content).toBeUndefined();
  });
});

describe("sitemaps", () => {
  it("renders an index of chunk URLs (site chunk first) and chunks with absolute, escaped locs", () => {
    const index = SitemapIndexSchema.parse({
      chunk_size: 5000,
      chunks: [
        { kind: "posts", page: 1, lastmod: "2026-11-30T11:00:00.000Z" },
        { kind: "posts", page: 2, lastmod: "2026-11-30T12:00:00.000Z" },
      ],
    });
    const indexXml = renderSitemapIndex(index, site.origin);
    valid(indexXml);
    const doc = parser.parse(indexXml) as { sitemapindex: { sitemap: { loc: string; lastmod: string }[] } };
    expect(doc.sitemapindex.sitemap.map((s) => s.loc)).toEqual([
      "https://blog.example/sitemap/site-1.xml",
      "https://blog.example/sitemap/posts-1.xml",
      "https://blog.example/sitemap/posts-2.xml",
    ]);
    expect(doc.sitemapindex.sitemap[0]!.lastmod).toBe("2026-11-30T12:00:00.000Z");

    const chunkXml = renderSitemapChunk(
      { kind: "tags", page: 1, data: [{ path: "/tag/a&b", lastmod: "2026-11-30T11:00:00.000Z" }] },
      site.origin,
    );
    valid(chunkXml);
    expect(chunkXml).toContain("<loc>https://blog.example/tag/a&amp;b</loc>");
  });

  it("parses chunk names strictly", () => {
    expect(parseSitemapChunkName("posts-2.xml")).toEqual({ kind: "posts", page: 2 });
    expect(parseSitemapChunkName("posts-0.xml")).toBeNull();
    expect(parseSitemapChunkName("posts-2.xml.gz")).toBeNull();
    expect(parseSitemapChunkName("../x-1.xml")).toBeNull();
  });
});
