// Hand-written demo people and taxonomy for `seedDemoContent` (fictional, but plausible).

export interface DemoAuthor {
  slug: string;
  email: string;
  displayName: string;
  role: "owner" | "admin" | "editor" | "author";
  bio: string;
  avatarUrl: string | null;
  websiteUrl: string | null;
}

export const demoAuthors: readonly DemoAuthor[] = [
  {
    slug: "maya-okafor",
    email: "maya.okafor@folio.example",
    displayName: "Maya Okafor",
    role: "editor",
    bio: "Managing editor. Spent a decade on regional news desks before moving to product publishing; cares about clear corrections policies and headlines that keep their promises.",
    avatarUrl: "/avatars/maya-okafor.svg",
    websiteUrl: "https://maya.folio.example",
  },
  {
    slug: "tomas-lindqvist",
    email: "tomas.lindqvist@folio.example",
    displayName: "Tomás Lindqvist",
    role: "author",
    bio: "Platform engineer working on storage, caching and the publishing pipeline. Writes about PostgreSQL, latency budgets and the operational side of running a newsroom's software.",
    avatarUrl: "/avatars/tomas-lindqvist.svg",
    websiteUrl: null,
  },
  {
    slug: "priya-raman",
    email: "priya.raman@folio.example",
    displayName: "Priya Raman",
    role: "author",
    bio: "Design lead for reading experiences. Interested in typography on small screens, accessible colour systems and how people actually move through long articles.",
    avatarUrl: "/avatars/priya-raman.svg",
    websiteUrl: "https://priya.folio.example",
  },
  {
    slug: "daniel-asante",
    email: "daniel.asante@folio.example",
    displayName: "Daniel Asante",
    role: "admin",
    bio: "Runs audience and newsletters. Previously built subscription funnels for a magazine group; now mostly thinks about sending the right email at the right time, and measuring it honestly.",
    avatarUrl: null,
    websiteUrl: null,
  },
];

/**
 * The site owner of a local demo (`npm start`), seeded only with a demo password: it signs in
 * with the password printed at start-up and, as owners must, enrols a second factor first.
 */
export const demoOwner: DemoAuthor = {
  slug: "site-owner",
  email: "owner@folio.local",
  displayName: "Site Owner",
  role: "owner",
  bio: "Owns this demo site. Signs in with the password printed when `npm start` seeded it.",
  avatarUrl: null,
  websiteUrl: null,
};

export interface DemoTag {
  slug: string;
  name: string;
  description: string;
}

export const demoTags: readonly DemoTag[] = [
  {
    slug: "postgresql",
    name: "PostgreSQL",
    description: "Schemas, queries, indexes and operating the database.",
  },
  {
    slug: "performance",
    name: "Performance",
    description: "Latency, throughput and what it costs to serve a page.",
  },
  {
    slug: "accessibility",
    name: "Accessibility",
    description: "Building pages everyone can read and navigate.",
  },
  { slug: "typography", name: "Typography", description: "Type, measure and rhythm for long-form reading." },
  { slug: "newsletters", name: "Newsletters", description: "Growing, sending and measuring email editions." },
  {
    slug: "workflow",
    name: "Editorial workflow",
    description: "Drafts, reviews, scheduling and corrections.",
  },
  { slug: "seo", name: "SEO", description: "Metadata, structured data and being found." },
  { slug: "open-source", name: "Open source", description: "The tools we build on and give back to." },
];

export interface DemoCategory {
  slug: string;
  name: string;
  description: string;
  parent: string | null;
  position: number;
}

export const demoCategories: readonly DemoCategory[] = [
  {
    slug: "engineering",
    name: "Engineering",
    description: "How the platform is built and run.",
    parent: null,
    position: 0,
  },
  {
    slug: "infrastructure",
    name: "Infrastructure",
    description: "Databases, caches, queues and deployment.",
    parent: "engineering",
    position: 0,
  },
  {
    slug: "editorial",
    name: "Editorial",
    description: "The craft and process of publishing.",
    parent: null,
    position: 1,
  },
  {
    slug: "newsroom-practice",
    name: "Newsroom practice",
    description: "Standards, corrections and the daily desk.",
    parent: "editorial",
    position: 0,
  },
  {
    slug: "design",
    name: "Design",
    description: "Reading experiences, type and layout.",
    parent: null,
    position: 2,
  },
];
