// Hand-written prose for the demo posts. Each post draws its title from one theme and its body
// from that theme's paragraphs, headings, lists and quotes, so the demo reads like a real
// publication rather than placeholder text.

export interface DemoTheme {
  category: string;
  subcategory: string;
  tags: readonly string[];
  titles: readonly string[];
  paragraphs: readonly string[];
  headings: readonly string[];
  lists: readonly (readonly string[])[];
  quotes: readonly { text: string; caption: string }[];
}

const engineering: DemoTheme = {
  category: "engineering",
  subcategory: "infrastructure",
  tags: ["postgresql", "performance", "open-source"],
  titles: [
    "What a keyset cursor taught us about our home page",
    "Moving the archive to partial indexes",
    "A latency budget for every article page",
    "Why we render HTML when the author hits save",
    "Read replicas without surprising the editors",
    "The boring queue that publishes on time",
    "Counting things in PostgreSQL without regret",
    "How we test migrations in both directions",
    "Caching published pages, and knowing when to stop",
    "Connection pools, poolers and the limits between them",
    "Slugs are forever: handling renames gracefully",
    "The day autovacuum was switched off",
    "Measuring what readers wait for",
    "Structured bodies instead of stored HTML blobs",
    "Backfilling ten years of tags in one weekend",
    "One code path for the laptop and the cluster",
    "Deploying on a Friday, deliberately",
    "Search that lives next to the data",
    "Observability for a small platform team",
    "Retiring a feature without breaking a link",
  ],
  paragraphs: [
    "Our home page used to ask the database for page seven of the archive by skipping the first hundred and twenty rows. That works until the archive grows and someone publishes while a reader is paging: rows shift, stories appear twice or not at all, and the query gets slower the deeper you go. A keyset cursor remembers where the reader stopped instead of counting from the top.",
    "The fix was not clever. We sort by publication time and break ties with the post's id, store both in an opaque cursor, and ask for the rows that come strictly after them. With an index whose order matches the query, PostgreSQL walks straight to the right spot, and page seven costs the same as page one.",
    "Most of what we serve is read many thousands of times for every write, so we moved work from read time to write time. When an editor saves a story we validate the structured body, render the HTML once, compute the reading time, and store all three. Readers never pay for rendering, and a bug in the renderer shows up in the editor, where someone can see it.",
    "Replicas are wonderful until an editor publishes a correction and reloads the page to find the old text still there. We now route reads that must reflect the latest write to the primary, and everything else to the replicas. When a replica stops answering we send its traffic to the primary and check back on it with a growing back-off instead of hammering it.",
    "Every migration we ship has an up and a down, and the test suite runs both: apply everything, describe the schema, roll everything back, apply it again, and compare the two descriptions. It catches the down migration that forgot an index and the up migration that depends on state the previous one left behind.",
    "A partial index covers only the rows a query can return. Our public listing never shows drafts, so the index behind it leaves them out; it stays small, fits in memory, and does not churn every time a writer saves a draft. The same trick works for featured stories, which are a tiny fraction of the archive.",
    "We set budgets before we set goals. An article page gets a fixed number of milliseconds on the server, split between the database, the cache and rendering, and every change that spends more has to say where the time comes from. It turns arguments about performance into arithmetic.",
    "Connection poolers speak the PostgreSQL protocol but they are not the database. In transaction mode, a session does not survive between transactions, so anything that depends on session state — named prepared statements, advisory locks held across requests, temporary settings — has to go. We audited our drivers for all three.",
    "Nothing about this is exotic. The platform runs on PostgreSQL, a cache, and a worker that wakes up every few seconds. The discipline is in keeping the paths identical between a developer's laptop, where the database is embedded, and production, where it is a cluster with replicas behind a pooler.",
  ],
  headings: [
    "What went wrong",
    "The shape of the fix",
    "Measuring it",
    "Trade-offs we accepted",
    "Running it in production",
    "What we would do differently",
  ],
  lists: [
    [
      "Sort by a column that never changes after publication",
      "Break ties with a unique key",
      "Sign the cursor so clients cannot forge positions",
      "Fetch one extra row to know whether a next page exists",
    ],
    [
      "Run every migration up and down in CI",
      "Compare schema descriptions, not migration files",
      "Hold an advisory lock so two deploys cannot race",
      "Record each migration in the same transaction as its changes",
    ],
    [
      "Budget the database, cache and rendering separately",
      "Alert on the 99th percentile, not the average",
      "Keep one dashboard per user-facing promise",
    ],
  ],
  quotes: [
    {
      text: "The fastest query is the one whose answer you stored when the data changed.",
      caption: "A note pinned above the platform team's desks",
    },
    {
      text: "If a migration cannot be rolled back, it is not finished; it is merely deployed.",
      caption: "From our engineering handbook",
    },
    {
      text: "Readers do not experience averages. They experience the slow page.",
      caption: "Tomás Lindqvist, in a design review",
    },
  ],
};

const editorial: DemoTheme = {
  category: "editorial",
  subcategory: "newsroom-practice",
  tags: ["workflow", "newsletters", "seo"],
  titles: [
    "A corrections policy readers can find",
    "Scheduling stories across time zones",
    "The newsletter that earned its open rate",
    "Writing headlines that keep their promises",
    "How we decide what goes on the front page",
    "Two bylines, one voice",
    "Editing for the phone first",
    "What an excerpt is for",
    "Metadata is part of the story",
    "Embargoes, and the software that respects them",
    "The morning meeting, in fifteen minutes",
    "Archiving without erasing",
    "A style guide that people actually use",
    "When to update a story and when to write a new one",
    "Sourcing, attribution and the link",
    "Measuring reading, not clicks",
    "The anatomy of a good standfirst",
    "Working with freelance contributors",
    "Publishing the same story on the web and in email",
    "Saying no to a story",
  ],
  paragraphs: [
    "A correction is a promise kept in public. We put ours at the foot of the article, dated, saying what was wrong and what is right, and we link every correction from a single page so readers can see the pattern as well as the instance. Hiding a mistake costs more trust than the mistake did.",
    "Scheduling sounds simple until a story written in Lagos is edited in Stockholm and published for readers in Toronto. We store every time in UTC, show every time in the reader's zone, and make the scheduled moment visible on the draft itself, so nobody has to do the arithmetic in their head at the end of a long shift.",
    "Our newsletter grew when we stopped treating it as a digest of links. Each edition now has one editor, one argument and a handful of stories chosen to support it. Opens went up, but the number we watch is replies: people write back when an email sounds like a person wrote it.",
    "A headline makes a promise that the first paragraph has to keep. We test headlines against the story, not against each other: if a reader who only saw the headline would be surprised by the article, we rewrite the headline, however well it performs.",
    "Two authors on a story is common and easy to get wrong. The byline order follows who did the reporting, the piece is edited for a single voice, and both names link to author pages that show the reader everything else each of them has written.",
    "Most of our readers arrive on a phone, often from a link someone sent them, and decide in a few seconds whether to stay. We edit with that in mind: the point of the story is in the first screen, paragraphs are short enough to read with a thumb, and nothing important hides in an image caption.",
    "The excerpt is not a summary for search engines; it is the sentence that convinces a reader on a listing page that this story is worth their next five minutes. We write it by hand, after the story is finished, and we read it out loud.",
    "Metadata used to be the last thing anyone touched before publishing. Now the title for sharing, the description, the canonical address and the image are reviewed with the copy, because that is what most people will see of the story before they decide to read it.",
    "An archive is a record, and a record should not be rewritten quietly. When a story is withdrawn we keep its address, explain why it is no longer available, and leave the explanation in place for as long as anyone might follow an old link.",
  ],
  headings: [
    "Why it matters",
    "How the desk works now",
    "What readers told us",
    "The rules we wrote down",
    "Where software helps",
    "What is still hard",
  ],
  lists: [
    [
      "Say what was wrong, plainly",
      "Say what is right, with the source",
      "Date the correction",
      "Link it from the corrections page",
    ],
    [
      "One argument per edition",
      "Five stories at most",
      "A named editor who answers replies",
      "A plain-text version that reads as well as the designed one",
    ],
    [
      "Does the headline match the first paragraph?",
      "Would the subject recognise themselves in the story?",
      "Is every claim sourced or attributed?",
      "Could a reader act on this without reading it twice?",
    ],
  ],
  quotes: [
    {
      text: "Trust is built in the corrections column, one honest paragraph at a time.",
      caption: "Maya Okafor, to new members of the desk",
    },
    {
      text: "An email should read as if it were written to one person, because it is read by one person.",
      caption: "Daniel Asante, on the newsletter relaunch",
    },
    {
      text: "If you cannot say what the story is in one sentence, you are not ready to publish it.",
      caption: "A rule older than anyone on the desk",
    },
  ],
};

const design: DemoTheme = {
  category: "design",
  subcategory: "design",
  tags: ["typography", "accessibility", "performance"],
  titles: [
    "Choosing a measure for long reads",
    "Dark mode is a different palette, not an inverted one",
    "Focus states that do not apologise",
    "Images that load like text",
    "Designing the article page from the words outward",
    "Contrast ratios we would not go below",
    "Type scales for screens that rotate",
    "The reading progress bar we removed",
    "Tables on a phone",
    "Landmarks, headings and the skip link",
    "A grid for a publication, not a product",
    "Icons that need labels anyway",
    "Motion, and the readers who turn it off",
    "Pull quotes without the pull",
    "Designing for the second paragraph",
    "Author pages people actually visit",
    "The cost of a web font",
    "Cover images and the crops they survive",
    "Print styles in a post-print world",
    "Testing with a screen reader every week",
  ],
  paragraphs: [
    "Line length decides whether a long article feels effortless or like work. We settled on roughly sixty-five characters at the body size, measured on real copy rather than on a pangram, and let the column shrink with the screen instead of shrinking the type.",
    "Dark mode started as an inverted palette and looked like it: glaring whites, muddy greys and links that vanished. We rebuilt it as its own palette with its own contrast checks, slightly warmer text, and images that dim a little so they do not blaze out of the page.",
    "Keyboard users need to see where they are. Our focus ring is thick, high-contrast and never removed; it follows the shape of the element it outlines and is visible on every background we use. It is a feature, so it is designed like one.",
    "Images are most of the bytes on an article page. Each one now carries its dimensions so the layout does not jump, loads lazily below the first screen, and comes in a handful of widths so a phone does not download a poster. The cover image is the exception: it loads first because it is the first thing you see.",
    "We design the article page starting from the words: the body size and leading first, then headings that relate to them by a simple ratio, then everything else. Navigation, sharing and related stories come last and are allowed only as much attention as they earn.",
    "Every colour pair in the system has a documented contrast ratio, and the build fails when a new pair falls below the threshold for its use. Body text clears the enhanced level; decorative elements are free to be quiet, as long as nothing depends on them.",
    "Headings are navigation. A screen reader user moves through a story by its headings the way a sighted reader skims, so we keep the levels honest: one page title, section headings below it, and no heading chosen because its size looked right.",
    "We removed the reading progress bar after watching people use it. Nobody looked at it, it moved constantly in the corner of the eye, and on small screens it took a line of space that the text needed more. The scrollbar already does that job.",
    "A web font is a promise to download something before the reader can see the words. We use one family, subset to the characters we publish, preloaded and shown with a fallback whose metrics are tuned to match, so the text does not reflow when the font arrives.",
  ],
  headings: [
    "Where we started",
    "What we tried",
    "The rule we kept",
    "Checking our work",
    "Details that mattered",
    "Open questions",
  ],
  lists: [
    [
      "Body text at 18 pixels or more on phones",
      "Roughly 65 characters per line",
      "Leading around 1.6 for body copy",
      "Headings on a simple ratio of the body size",
    ],
    [
      "A visible focus ring on every interactive element",
      "A skip link as the first focusable item",
      "Landmarks for header, navigation, main content and footer",
      "Alt text written by the editor, not generated",
    ],
    [
      "Width and height on every image",
      "Lazy loading below the first screen",
      "Several widths per image, chosen by the browser",
    ],
  ],
  quotes: [
    {
      text: "Good typography is invisible until it is missing, and then it is all anyone notices.",
      caption: "Priya Raman, in the design system notes",
    },
    {
      text: "Accessibility is not a mode. It is the page working.",
      caption: "From our accessibility checklist",
    },
    {
      text: "Design the page for the sentence, then let the sentence carry the design.",
      caption: "Workshop notes, spring redesign",
    },
  ],
};

export const demoThemes: readonly DemoTheme[] = [engineering, editorial, design];
