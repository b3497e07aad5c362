import { AccountsRepository } from "./accounts.repository.js";
import { AdminUsersRepository } from "./admin-users.repository.js";
import { ApiTokensRepository } from "./api-tokens.repository.js";
import { AuditQueryRepository } from "./audit-query.repository.js";
import { AuditRepository } from "./audit.repository.js";
import type { DbSource } from "./base.repository.js";
import { CategoriesRepository } from "./categories.repository.js";
import { DevMailboxRepository } from "./dev-mailbox.repository.js";
import { MfaRepository } from "./mfa.repository.js";
import { OutboxRepository } from "./outbox.repository.js";
import { PostsRepository } from "./posts.repository.js";
import { RolesRepository } from "./roles.repository.js";
import { SessionsRepository } from "./sessions.repository.js";
import { SigningKeysRepository } from "./signing-keys.repository.js";
import { TagsRepository } from "./tags.repository.js";
import { UsersRepository } from "./users.repository.js";

export * from "./accounts.repository.js";
export * from "./admin-users.repository.js";
export * from "./api-tokens.repository.js";
export * from "./audit-query.repository.js";
export * from "./audit.repository.js";
export * from "./base.repository.js";
export * from "./categories.repository.js";
export * from "./dev-mailbox.repository.js";
export * from "./feature-flags.repository.js";
export * from "./mfa.repository.js";
export * from "./oauth.repository.js";
export * from "./outbox.repository.js";
export * from "./posts.repository.js";
export type { AuthorRef, TaxonRef } from "./post-relations.js";
export * from "./roles.repository.js";
export * from "./sessions.repository.js";
export * from "./signing-keys.repository.js";
export * from "./tags.repository.js";
export * from "./users.repository.js";

export interface Repositories {
  posts: PostsRepository;
  tags: TagsRepository;
  categories: CategoriesRepository;
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
}

/** Every repository on one source: a `Database` (reads may use replicas) or a transaction. */
export function createRepositories(source: DbSource): Repositories {
  return {
    posts: new PostsRepository(source),
    tags: new TagsRepository(source),
    categories: new CategoriesRepository(source),
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
  };
}
