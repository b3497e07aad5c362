export {
  AccountLockedError,
  AccountSuspendedError,
  CsrfFailedError,
  EmailNotVerifiedError,
  InvalidChallengeError,
  InvalidCodeError,
  InvalidCredentialsError,
  InvalidOneTimeTokenError,
  InvalidRefreshTokenError,
  LoginThrottledError,
  MfaEnrolmentRequiredError,
  MfaRequiredByRoleError,
  RefreshTokenReusedError,
  RegistrationClosedError,
  StepUpRequiredError,
  TooManyCodesError,
} from "./accounts/account-errors.js";
export { assertPasswordPolicy, passwordProblems } from "./accounts/account-rules.js";
export {
  ACCOUNT_LINK_PATHS,
  ACCOUNT_TTLS,
  DEFAULT_ACCOUNTS_OPTIONS,
  type AccountsOptions,
} from "./accounts/accounts-context.js";
export {
  createAccountsService,
  type AccountsService,
  type AccountsServiceDeps,
} from "./accounts/accounts.service.js";
export {
  NO_REQUEST_META,
  recordAudit,
  type AuditEvent,
  type AuditInput,
  type RequestMeta,
} from "./accounts/audit.js";
export { MAX_SESSION_CACHE_MS, type Principal } from "./accounts/authenticate.js";
export type { ProfileChanges } from "./accounts/profile.flow.js";
export {
  LastSignInMethodError,
  OAuthAccountTakenError,
  OAuthAlreadyLinkedError,
  OAuthFlowError,
  OAuthLinkRequiredError,
  isOAuthRedirectError,
  type OAuthFailureReason,
} from "./accounts/oauth/oauth-errors.js";
export {
  DEFAULT_LINK_REDIRECT,
  DEFAULT_OAUTH_REDIRECT,
  OAUTH_FLOW_TTL_SECONDS,
  createOAuthService,
  type OAuthCallbackInput,
  type OAuthCompletion,
  type OAuthConnection,
  type OAuthService,
  type OAuthServiceDeps,
  type OAuthStart,
  type OAuthStartInput,
} from "./accounts/oauth/oauth.service.js";
export { freeUserSlug, type Registered } from "./accounts/registration.flow.js";
export { totpSecretContext } from "./accounts/second-factor.js";
export {
  revokeUserSessionsInTransaction,
  type Actor,
  type LoginResult,
  type MfaPending,
  type RevokeSessionsInput,
  type SignedIn,
} from "./accounts/sessions.flow.js";
export { createSigningKeyStore } from "./accounts/signing-key-store.js";
export { loadUserView, permissionsOfRole, toUserView } from "./accounts/user-view.js";
export {
  createAuthorsService,
  findAuthorBySlug,
  type AuthorsService,
  type AuthorsServiceDeps,
} from "./authors/authors.service.js";
export {
  PUBLIC_READ_GRACE_MS,
  PUBLIC_READ_TAGS,
  PUBLIC_READ_TTL_MS,
  cachePublicReads,
  listPostsCacheKey,
  listPostsCacheTags,
  type PublicReadServices,
} from "./caching/public-reads.cache.js";
export {
  CommentAlreadyReportedError,
  CommentEditWindowClosedError,
  CommentsClosedError,
  OwnCommentReportError,
} from "./comments/comment-errors.js";
export { COMMENT_LINK_REL, commentPlainText, renderCommentMarkdown } from "./comments/comment-markdown.js";
export { toOwnComment, toPublicComment, toStaffComment } from "./comments/comment-mappers.js";
export {
  DEFAULT_COMMENT_RATE_LIMITS,
  commentRevalidation,
  type CommentActor,
  type CommentRateLimit,
} from "./comments/comment-rules.js";
export { COMMENT_SETTINGS_KEY, loadCommentSettings } from "./comments/comment-settings.js";
export { BULK_ACTION_STATUS, type CommentModerationService } from "./comments/comments-moderation.js";
export {
  createCommentsService,
  type CommentsService,
  type CommentsServiceDeps,
} from "./comments/comments.service.js";
export {
  createDomainEvents,
  type DomainEventListener,
  type DomainEventPayloads,
  type DomainEventType,
  type DomainEvents,
  type PostChanged,
  type SessionRevoked,
  type SlugChanged,
} from "./events/domain-events.js";
export {
  createDevOutboxService,
  toDevMessage,
  type DevOutboxService,
} from "./messaging/dev-outbox.service.js";
export {
  EMAIL_TEMPLATES,
  SMS_TEMPLATES,
  assertEmailData,
  assertSmsData,
  isEmailTemplate,
  isSmsTemplate,
  renderEmail,
  renderSms,
  type EmailTemplate,
  type EmailTemplateData,
  type MessageSite,
  type RenderedEmail,
  type SmsTemplate,
  type SmsTemplateData,
} from "./messaging/mail-templates.js";
export {
  createDevMailboxMailer,
  createDevMailboxSms,
  createSmtpMailer,
  type DevMailboxDeliveryOptions,
  type Mailer,
  type MessagingLogger,
  type OutgoingMail,
  type SmsMessage,
  type SmsProvider,
  type SmtpMailerOptions,
} from "./messaging/mailer.js";
export {
  DEFAULT_SITE_NAME,
  createMessaging,
  type CreateMessagingOptions,
  type Messaging,
  type MessagingSettings,
} from "./messaging/messaging.js";
export {
  createOutboxDispatcher,
  defaultOutboxBackoffMs,
  type OutboxDispatcher,
  type OutboxDispatcherOptions,
} from "./messaging/outbox-dispatcher.js";
export {
  EMAIL_TOPIC,
  MESSAGING_TOPICS,
  SMS_TOPIC,
  enqueueEmail,
  enqueueSms,
  type EmailPayload,
  type EnqueueEmail,
  type EnqueueSms,
  type OutboxWriter,
  type SmsPayload,
} from "./messaging/outbox.js";
export { gatePost, toAuthorSummary, toPost, toPostSummary, toTaxonSummary } from "./posts/post-mappers.js";
export * from "./posts/posts-admin.exports.js";
export { createPostsService, type PostsService, type PostsServiceDeps } from "./posts/posts.service.js";
export { createServices, type CreateServicesOptions, type Services } from "./services.js";
export * from "./media/index.js";
export {
  createTaxonomyAdminService,
  toCategory,
  toTag,
  type TaxonomyActor,
  type TaxonomyAdminService,
} from "./taxonomy/taxonomy-admin.service.js";
export { CategoryHasChildrenError, TaxonSlugTakenError } from "./taxonomy/taxonomy-errors.js";
export { RedirectExistsError } from "./redirects/redirect-errors.js";
export {
  createRedirectsService,
  toRedirect,
  type RedirectsActor,
  type RedirectsService,
} from "./redirects/redirects.service.js";
export {
  normaliseFromPath,
  normaliseToPath,
  sitePathOf,
  UNREDIRECTABLE_PREFIXES,
} from "./redirects/paths.js";
export { createDiscoveryService, type DiscoveryService } from "./seo/discovery.service.js";
export {
  createTaxonomyService,
  type TaxonomyService,
  type TaxonomyServiceDeps,
} from "./taxonomy/taxonomy.service.js";
export type { AdminActor, AdminDeps } from "./admin/admin-context.js";
export { toAdminApiToken, toAdminUser, toApiToken, toAuditEntry, toRole } from "./admin/admin-mappers.js";
export {
  createAdminServices,
  pageLink,
  type AdminServices,
  type CreateAdminServicesOptions,
} from "./admin/admin-services.js";
export {
  ACCEPT_INVITE_PATH,
  INVITE_TTL_DAYS,
  createAdminUsersService,
  type AdminUsersService,
} from "./admin/admin-users.service.js";
export {
  API_TOKEN_DISPLAY_LENGTH,
  API_TOKEN_LIMIT_PER_USER,
  API_TOKEN_PREFIX,
  InvalidApiTokenError,
  createApiTokensService,
  isApiToken,
  type ApiTokenPrincipal,
  type ApiTokensService,
} from "./admin/api-tokens.service.js";
export { AUDIT_CSV_COLUMNS, auditCsvHeader, auditCsvRow, csvField, csvLine } from "./admin/audit-csv.js";
export {
  AUDIT_CSV_BATCH_SIZE,
  AUDIT_CSV_MAX_ROWS,
  createAuditLogService,
  type AuditCsvExport,
  type AuditLogService,
} from "./admin/audit-log.service.js";
export { canManageRole, grantablePermissions, type RoleGrant } from "./admin/role-policy.js";
export { createRolesService, type RolesService } from "./admin/roles.service.js";
export {
  InvalidJobPayloadError,
  createJobRunner,
  type AnyJobHandler,
  defaultJobBackoffMs,
  type JobContext,
  type JobHandler,
  type JobRunner,
  type JobRunnerOptions,
  type JobsLogger,
} from "./jobs/job-runner.js";
export {
  createJobScheduler,
  purgeTrashDedupeKey,
  type JobScheduler,
  type SchedulerTick,
} from "./jobs/job-scheduler.js";
export {
  JOB_TOPICS,
  enqueueJob,
  type EnqueueJob,
  type JobPayloads,
  type JobTopic,
} from "./jobs/job-topics.js";
export {
  createBackgroundJobs,
  type BackgroundJobs,
  type BackgroundJobsOptions,
} from "./jobs/background-jobs.js";
export {
  publishingJobHandlers,
  publishPostJob,
  purgeTrashJob,
  unpublishPostJob,
  webRevalidateJob,
  type PublishingJobsTarget,
} from "./jobs/publishing-jobs.js";
export {
  REVALIDATE_SECRET_HEADER,
  RevalidateFailedError,
  createWebRevalidator,
  type WebRevalidator,
} from "./jobs/web-revalidate.js";
export { createJobsService, toJob, type JobsService } from "./jobs/jobs.service.js";
export { createNotesService, toNote, toTransition, type NotesService } from "./notes/notes.service.js";
export { canWorkOnPost, requirePostAccess, type StaffActor } from "./revisions/post-history-access.js";
export {
  createRevisionsService,
  type RevisionRestoreTarget,
  type RevisionsService,
} from "./revisions/revisions.service.js";
