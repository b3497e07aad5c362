import { AccountsRepository } from "./accounts.repository.js";
import { AdminUsersRepository } from "./admin-users.repository.js";
import { ApiTokensRepository } from "./api-tokens.repository.js";
import { AuditQueryRepository } from "./audit-query.repository.js";
import { AuditRepository } from "./audit.repository.js";
import type { DbSource } from "./base.repository.js";
import { CategoriesRepository } from "./categories.repository.js";
import { CommentsRepository } from "./comments.repository.js";
import { DevMailboxRepository } from "./dev-mailbox.repository.js";
import { MfaRepository } from "./mfa.repository.js";
import { OutboxRepository } from "./outbox.repository.js";
import { PostsRepository } from "./posts.repository.js";
import { RedirectsRepository } from "./redirects.repository.js";
import { SitemapRepository } from "./sitemap.repository.js";
import { PostNotesRepository } from "./post-notes.repository.js";
import { PostTransitionsRepository } from "./post-transitions.repository.js";
import { PostRevisionsRepository } from "./revisions.repository.js";
import { RolesRepository } from "./roles.repository.js";
import { SessionsRepository } from "./sessions.repository.js";
import { SigningKeysRepository } from "./signing-keys.repository.js";
import { StaffPostsRepository } from "./staff-posts.repository.js";
import { SiteSettingsRepository } from "./site-settings.repository.js";
import { TagsRepository } from "./tags.repository.js";
import { UsersRepository } from "./users.repository.js";

export * from "./accounts.repository.js";
export * from "./admin-users.repository.js";
export * from "./api-tokens.repository.js";
export * from "./audit-query.repository.js";
export * from "./audit.repository.js";
export * from "./base.repository.js";
export * from "./categories.repository.js";
export * from "./comments.repository.js";
export * from "./dev-mailbox.repository.js";
export * from "./feature-flags.repository.js";
export * from "./jobs.repository.js";
export * from "./media.repository.js";
export * from "./mfa.repository.js";
export * from "./oauth.repository.js";
export * from "./outbox.repository.js";
export * from "./posts.repository.js";
export * from "./redirects.repository.js";
export * from "./sitemap.repository.js";
export * from "./post-notes.repository.js";
export * from "./post-transitions.repository.js";
export * from "./revisions.repository.js";
export type { AuthorRef, TaxonRef } from "./post-relations.js";
export * from "./roles.repository.js";
export * from "./sessions.repository.js";
export * from "./signing-keys.repository.js";
export * from "./staff-posts.repository.js";
export * from "./site-settings.repository.js";
export * from "./tags.repository.js";
export * from "./users.repository.js";

export interface Repositories {
  posts: PostsRepository;
  staffPosts: StaffPostsRepository;
  revisions: PostRevisionsRepository;
  postNotes: PostNotesRepository;
  postTransitions: PostTransitionsRepository;
  tags: TagsRepository;
  categories: CategoriesRepository;
  redirects: RedirectsRepository;
  sitemap: SitemapRepository;
  users: UsersRepository;
  adminUsers: AdminUsersRepository;
  roles: RolesRepository;
  apiTokens: ApiTokensRepository;
  auditQuery: AuditQueryRepository;
  outbox: OutboxRepository;
  devMailbox: DevMailboxRepository;
  accounts: AccountsRepository;
  sessions: SessionsRepository;
  mfa: MfaRepository;
  audit: AuditRepository;
  signingKeys: SigningKeysRepository;
  comments: CommentsRepository;
  siteSettings: SiteSettingsRepository;
}

/** Every repository on one source: a `Database` (reads may use replicas) or a transaction. */
export function createRepositories(source: DbSource): Repositories {
  return {
    posts: new PostsRepository(source),
    staffPosts: new StaffPostsRepository(source),
    revisions: new PostRevisionsRepository(source),
    postNotes: new PostNotesRepository(source),
    postTransitions: new PostTransitionsRepository(source),
    tags: new TagsRepository(source),
    categories: new CategoriesRepository(source),
    redirects: new RedirectsRepository(source),
    sitemap: new SitemapRepository(source),
    users: new UsersRepository(source),
    adminUsers: new AdminUsersRepository(source),
    roles: new RolesRepository(source),
    apiTokens: new ApiTokensRepository(source),
    auditQuery: new AuditQueryRepository(source),
    outbox: new OutboxRepository(source),
    devMailbox: new DevMailboxRepository(source),
    accounts: new AccountsRepository(source),
    sessions: new SessionsRepository(source),
    mfa: new MfaRepository(source),
    audit: new AuditRepository(source),
    signingKeys: new SigningKeysRepository(source),
    comments: new CommentsRepository(source),
    siteSettings: new SiteSettingsRepository(source),
  };
}
