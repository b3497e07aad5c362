import { z } from "zod";
import { CursorSchema, IdSchema, LimitSchema, TimestampSchema, listEnvelopeSchema } from "./common.js";

// Contracts of the admin API (issue 4): users, roles, API tokens and the audit log. Permission
// names are validated against the catalogue by the API (it lives in @folio/auth, which browser
// clients must not load), so here they are only shaped like one: `posts:edit:own`.

export const ROLE_NAME_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
export const RoleNameSchema = z
  .string()
  .regex(ROLE_NAME_PATTERN, "must be 2-40 lower-case letters, digits or hyphens, starting with a letter")
  .meta({ description: "Role name: lower-case letters, digits and hyphens", example: "reviewer" });

export const PermissionNameSchema = z
  .string()
  .max(64)
  .regex(/^[a-z]+(?::[a-z]+)+$/, "is not a permission name")
  .meta({ description: "A permission (capability) name", example: "posts:publish" });

const AdminEmailSchema = z.email().max(254).meta({ description: "Email address" });
const DisplayNameSchema = z.string().trim().min(1).max(100);

export const AdminUserStatusValues = ["active", "invited", "suspended"] as const;
export type AdminUserStatus = (typeof AdminUserStatusValues)[number];

export const AdminUserSchema = z
  .object({
    id: IdSchema,
    email: z.string(),
    display_name: z.string(),
    role: z.string(),
    status: z.enum(AdminUserStatusValues),
    email_verified: z.boolean(),
    mfa_enabled: z.boolean().meta({ description: "The user has at least one confirmed second factor" }),
    last_login_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
  })
  .meta({ id: "AdminUser" });
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const AdminUserListSchema = listEnvelopeSchema(AdminUserSchema).meta({ id: "AdminUserList" });
export type AdminUserList = z.infer<typeof AdminUserListSchema>;

export const ListAdminUsersQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Matches email or display name (case-insensitive substring)" }),
  role: RoleNameSchema.optional(),
  status: z.enum(AdminUserStatusValues).optional(),
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});
export type ListAdminUsersQuery = z.output<typeof ListAdminUsersQuerySchema>;
export type ListAdminUsersQueryInput = z.input<typeof ListAdminUsersQuerySchema>;

export const InviteUserBodySchema = z.strictObject({
  email: AdminEmailSchema,
  display_name: DisplayNameSchema,
  role: RoleNameSchema,
});
export type InviteUserBody = z.infer<typeof InviteUserBodySchema>;

export const UpdateAdminUserBodySchema = z
  .strictObject({
    role: RoleNameSchema.optional(),
    status: z.enum(["active", "suspended"]).optional(),
  })
  .refine((body) => body.role !== undefined || body.status !== undefined, {
    message: "name at least one of role, status",
  });
export type UpdateAdminUserBody = z.infer<typeof UpdateAdminUserBodySchema>;

export const AdminUserIdParamsSchema = z.strictObject({ id: IdSchema });
export type AdminUserIdParams = z.infer<typeof AdminUserIdParamsSchema>;

export const AcceptInviteBodySchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});
export type AcceptInviteBody = z.infer<typeof AcceptInviteBodySchema>;

export const RoleSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    permissions: z.array(z.string()),
    builtin: z.boolean(),
    mfa_required: z.boolean(),
    user_count: z.number().int().nonnegative(),
  })
  .meta({ id: "Role" });
export type Role = z.infer<typeof RoleSchema>;

export const RoleListSchema = z.object({ data: z.array(RoleSchema) }).meta({ id: "RoleList" });
export type RoleList = z.infer<typeof RoleListSchema>;

const RoleDescriptionSchema = z.string().trim().max(500);
const PermissionListSchema = z.array(PermissionNameSchema).max(100);

export const CreateRoleBodySchema = z.strictObject({
  name: RoleNameSchema,
  description: RoleDescriptionSchema.default(""),
  permissions: PermissionListSchema,
  mfa_required: z.boolean().default(false),
});
export type CreateRoleBody = z.output<typeof CreateRoleBodySchema>;
export type CreateRoleBodyInput = z.input<typeof CreateRoleBodySchema>;

export const UpdateRoleBodySchema = z
  .strictObject({
    description: RoleDescriptionSchema.optional(),
    permissions: PermissionListSchema.optional(),
    mfa_required: z.boolean().optional(),
  })
  .refine((b) => b.description !== undefined || b.permissions !== undefined || b.mfa_required !== undefined, {
    message: "name at least one of description, permissions, mfa_required",
  });
export type UpdateRoleBody = z.infer<typeof UpdateRoleBodySchema>;

export const RoleNameParamsSchema = z.strictObject({ name: RoleNameSchema });
export type RoleNameParams = z.infer<typeof RoleNameParamsSchema>;

export const PermissionInfoSchema = z
  .object({ name: z.string(), description: z.string() })
  .meta({ id: "PermissionInfo" });
export type PermissionInfo = z.infer<typeof PermissionInfoSchema>;
export const PermissionCatalogSchema = z
  .object({ data: z.array(PermissionInfoSchema) })
  .meta({ id: "PermissionCatalog" });
export type PermissionCatalog = z.infer<typeof PermissionCatalogSchema>;

export const API_TOKEN_MAX_DAYS = 365;

export const ApiTokenSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    prefix: z.string().meta({ description: "First characters of the token, to tell tokens apart" }),
    scopes: z.array(z.string()),
    created_at: TimestampSchema,
    expires_at: TimestampSchema.nullable().meta({ description: "Null: never expires" }),
    last_used_at: TimestampSchema.nullable(),
  })
  .meta({ id: "ApiToken" });
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const ApiTokenListSchema = z.object({ data: z.array(ApiTokenSchema) }).meta({ id: "ApiTokenList" });
export type ApiTokenList = z.infer<typeof ApiTokenListSchema>;

export const AdminApiTokenSchema = ApiTokenSchema.extend({
  user_id: IdSchema,
  user_email: z.string(),
  revoked_at: TimestampSchema.nullable(),
}).meta({ id: "AdminApiToken" });
export type AdminApiToken = z.infer<typeof AdminApiTokenSchema>;

export const AdminApiTokenListSchema = listEnvelopeSchema(AdminApiTokenSchema).meta({
  id: "AdminApiTokenList",
});
export type AdminApiTokenList = z.infer<typeof AdminApiTokenListSchema>;

export const ListAdminApiTokensQuerySchema = z.strictObject({
  user_id: IdSchema.optional().meta({ description: "Only this user's tokens" }),
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});
export type ListAdminApiTokensQuery = z.output<typeof ListAdminApiTokensQuerySchema>;

export const CreateApiTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(PermissionNameSchema).min(1).max(50),
  expires_in_days: z
    .number()
    .int()
    .min(1)
    .max(API_TOKEN_MAX_DAYS)
    .nullable()
    .optional()
    .meta({ description: `Lifetime in days (1-${API_TOKEN_MAX_DAYS}); null or absent: never expires` }),
});
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBodySchema>;

export const CreatedApiTokenSchema = z
  .object({
    token: z.string().meta({ description: "The secret, shown once: store it now" }),
    api_token: ApiTokenSchema,
  })
  .meta({ id: "CreatedApiToken" });
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;

export const ApiTokenIdParamsSchema = z.strictObject({ id: IdSchema });
export type ApiTokenIdParams = z.infer<typeof ApiTokenIdParamsSchema>;

export const AuditOutcomeValues = ["success", "failure"] as const;

export const AuditEntrySchema = z
  .object({
    id: IdSchema,
    occurred_at: TimestampSchema,
    event: z.string(),
    outcome: z.enum(AuditOutcomeValues),
    actor_id: z.string().nullable(),
    target_type: z.string().nullable(),
    target_id: z.string().nullable(),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    request_id: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListSchema = listEnvelopeSchema(AuditEntrySchema).meta({ id: "AuditList" });
export type AuditList = z.infer<typeof AuditListSchema>;

const auditFilters = {
  event: z
    .string()
    .max(64)
    .regex(/^[a-z_]+(?:\.[a-z_]+)+$/, "is not an event name")
    .optional()
    .meta({ description: "Exact event name, e.g. auth.login" }),
  actor_id: IdSchema.optional(),
  target_id: z.string().min(1).max(200).optional(),
  outcome: z.enum(AuditOutcomeValues).optional(),
  from: TimestampSchema.optional().meta({ description: "Entries at or after this instant" }),
  to: TimestampSchema.optional().meta({ description: "Entries before this instant" }),
};

export const AuditQuerySchema = z.strictObject({
  ...auditFilters,
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});
export type AuditQuery = z.output<typeof AuditQuerySchema>;
export type AuditQueryInput = z.input<typeof AuditQuerySchema>;

export const AuditCsvQuerySchema = z.strictObject(auditFilters);
export type AuditCsvQuery = z.output<typeof AuditCsvQuerySchema>;
