import { z } from "zod";
import { IdSchema, SlugSchema, TimestampSchema } from "./common.js";

// Contracts of sign-in, sessions, MFA and the signed-in user's own account (/auth/*, /me/*).
// Request bodies are strict: an unknown property is a 400 naming it.

export const EMAIL_MAX_LENGTH = 254;
/** Upper bound of what the API accepts as a password field; the policy (12–128 code points) is checked after. */
export const PASSWORD_FIELD_MAX_LENGTH = 1024;

export const EmailSchema = z
  .email({ error: "must be a valid email address" })
  .max(EMAIL_MAX_LENGTH)
  .meta({ description: "Email address", example: "ada@example.org" });

export const PasswordFieldSchema = z
  .string()
  .min(1, { error: "is required" })
  .max(PASSWORD_FIELD_MAX_LENGTH)
  .meta({ description: "Password; new passwords need 12–128 characters and must not be common or weak" });

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .max(100)
  .meta({ description: "Name shown on posts and comments", example: "Ada Lovelace" });

/** Single-use tokens from emailed links, and challenge tokens: opaque base64url. */
export const OpaqueTokenSchema = z.string().min(16).max(512).meta({ description: "Opaque token" });

export const MfaFactorKindValues = ["totp", "email", "sms"] as const;
export const MfaFactorKindSchema = z.enum(MfaFactorKindValues);
export type MfaFactorKind = z.infer<typeof MfaFactorKindSchema>;

export const MfaMethodValues = ["totp", "email", "sms", "recovery"] as const;
export const MfaMethodSchema = z.enum(MfaMethodValues);
export type MfaMethod = z.infer<typeof MfaMethodSchema>;

export const MfaCodeSchema = z
  .string()
  .trim()
  .min(6)
  .max(32)
  .meta({ description: "A 6-digit code, or a recovery code such as `abcde-fghjk`" });

export const UserStatusSchema = z.enum(["active", "invited", "suspended"]);

export const UserSchema = z
  .object({
    id: IdSchema,
    email: z.string(),
    email_verified: z.boolean(),
    display_name: z.string(),
    slug: SlugSchema,
    bio: z.string().nullable(),
    avatar_url: z.string().nullable(),
    website_url: z.string().nullable(),
    role: z.string(),
    permissions: z.array(z.string()).meta({ description: "Capabilities of the user's role" }),
    status: UserStatusSchema,
    mfa: z.object({
      enabled: z.boolean(),
      required: z.boolean().meta({ description: "The user's role requires a second factor" }),
      factors: z.array(MfaFactorKindSchema),
    }),
    created_at: TimestampSchema,
  })
  .meta({ id: "User", description: "The signed-in user's own view of their account" });
export type User = z.infer<typeof UserSchema>;

export const TokenResponseSchema = z
  .object({
    access_token: z.string().meta({ description: "JWT for `Authorization: Bearer`" }),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().positive().meta({ description: "Seconds until the access token expires" }),
    refresh_token: z
      .string()
      .optional()
      .meta({ description: "Single-use refresh token; omitted for web clients (it is in a cookie)" }),
    user: UserSchema,
  })
  .meta({ id: "TokenResponse" });
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export const MfaChallengeSchema = z
  .object({
    mfa_required: z.literal(true),
    challenge_token: z.string().meta({ description: "Pass to /auth/mfa/verify; not an access token" }),
    methods: z.array(MfaMethodSchema),
    expires_in: z.number().int().positive(),
  })
  .meta({ id: "MfaChallenge" });
export type MfaChallenge = z.infer<typeof MfaChallengeSchema>;

export const LoginResponseSchema = z
  .union([TokenResponseSchema, MfaChallengeSchema])
  .meta({ description: "Tokens, or an MFA challenge when `mfa_required` is true" });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const RegisterBodySchema = z.strictObject({
  email: EmailSchema,
  password: PasswordFieldSchema,
  display_name: DisplayNameSchema,
});
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

export const RegisterResponseSchema = z
  .object({
    user: z.object({ id: IdSchema, email: z.string() }),
    verification_required: z.literal(true),
  })
  .meta({ id: "RegisterResponse" });
export type RegisterResponse = z.infer<typeof RegisterResponseSchema>;

export const TokenBodySchema = z.strictObject({ token: OpaqueTokenSchema });
export type TokenBody = z.infer<typeof TokenBodySchema>;

export const EmailBodySchema = z.strictObject({ email: EmailSchema });
export type EmailBody = z.infer<typeof EmailBodySchema>;

export const VerifiedResponseSchema = z.object({ verified: z.literal(true) });
export const AcceptedResponseSchema = z.object({ accepted: z.literal(true) });

export const LoginBodySchema = z.strictObject({ email: EmailSchema, password: PasswordFieldSchema });
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const MfaVerifyBodySchema = z.strictObject({
  challenge_token: OpaqueTokenSchema,
  method: MfaMethodSchema,
  code: MfaCodeSchema,
});
export type MfaVerifyBody = z.infer<typeof MfaVerifyBodySchema>;

export const MfaSendBodySchema = z.strictObject({
  challenge_token: OpaqueTokenSchema,
  method: z.enum(["email", "sms"]),
});
export type MfaSendBody = z.infer<typeof MfaSendBodySchema>;

/** Web clients send the refresh token as a cookie and leave the body empty. */
export const RefreshBodySchema = z.strictObject({ refresh_token: OpaqueTokenSchema.optional() });
export type RefreshBody = z.infer<typeof RefreshBodySchema>;

export const ResetPasswordBodySchema = z.strictObject({
  token: OpaqueTokenSchema,
  password: PasswordFieldSchema,
});
export type ResetPasswordBody = z.infer<typeof ResetPasswordBodySchema>;

export const StepUpBodySchema = z.strictObject({
  password: PasswordFieldSchema,
  method: MfaMethodSchema.optional().meta({ description: "Required with `code` when MFA is enrolled" }),
  code: MfaCodeSchema.optional(),
});
export type StepUpBody = z.infer<typeof StepUpBodySchema>;

export const StepUpSendBodySchema = z.strictObject({ method: z.enum(["email", "sms"]) });
export type StepUpSendBody = z.infer<typeof StepUpSendBodySchema>;

export const StepUpResponseSchema = z.object({ step_up_expires_at: TimestampSchema }).meta({ id: "StepUp" });
export type StepUpResponse = z.infer<typeof StepUpResponseSchema>;

const OptionalUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .max(2048)
  .nullable()
  .optional();

export const UpdateMeBodySchema = z.strictObject({
  display_name: DisplayNameSchema.optional(),
  bio: z.string().trim().max(2000).nullable().optional(),
  website_url: OptionalUrlSchema,
  avatar_url: OptionalUrlSchema,
});
export type UpdateMeBody = z.infer<typeof UpdateMeBodySchema>;

export const ChangePasswordBodySchema = z.strictObject({
  current_password: PasswordFieldSchema,
  new_password: PasswordFieldSchema,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

export const ChangeEmailBodySchema = z.strictObject({ new_email: EmailSchema });
export type ChangeEmailBody = z.infer<typeof ChangeEmailBodySchema>;

export const SessionSchema = z
  .object({
    id: IdSchema,
    user_agent: z.string().nullable(),
    ip: z.string().nullable(),
    created_at: TimestampSchema,
    last_seen_at: TimestampSchema,
    mfa: z.boolean(),
    current: z.boolean(),
  })
  .meta({ id: "Session" });
export type Session = z.infer<typeof SessionSchema>;

export const SessionListSchema = z.object({ data: z.array(SessionSchema) }).meta({ id: "SessionList" });
export type SessionList = z.infer<typeof SessionListSchema>;

export const SessionIdParamsSchema = z.strictObject({ id: IdSchema });
export type SessionIdParams = z.infer<typeof SessionIdParamsSchema>;

export const MfaFactorSchema = z
  .object({
    kind: MfaFactorKindSchema,
    confirmed: z.boolean(),
    phone_hint: z.string().optional().meta({ description: "Last digits of the SMS number" }),
    created_at: TimestampSchema,
  })
  .meta({ id: "MfaFactor" });
export type MfaFactor = z.infer<typeof MfaFactorSchema>;

export const MfaStatusSchema = z
  .object({
    factors: z.array(MfaFactorSchema),
    recovery_codes_remaining: z.number().int().nonnegative(),
    required: z.boolean(),
  })
  .meta({ id: "MfaStatus" });
export type MfaStatus = z.infer<typeof MfaStatusSchema>;

export const TotpEnrolmentSchema = z
  .object({
    factor_id: IdSchema,
    secret: z.string().meta({ description: "Base32 secret, for manual entry" }),
    otpauth_uri: z.string().meta({ description: "otpauth:// URI to show as a QR code" }),
  })
  .meta({ id: "TotpEnrolment" });
export type TotpEnrolment = z.infer<typeof TotpEnrolmentSchema>;

export const CodeBodySchema = z.strictObject({ code: MfaCodeSchema });
export type CodeBody = z.infer<typeof CodeBodySchema>;

export const SmsEnrolBodySchema = z.strictObject({
  phone: z
    .string()
    .trim()
    .regex(/^\+[1-9]\d{6,14}$/, { error: "must be an E.164 number such as +447700900123" }),
});
export type SmsEnrolBody = z.infer<typeof SmsEnrolBodySchema>;

export const MfaKindParamsSchema = z.strictObject({ kind: MfaFactorKindSchema });
export type MfaKindParams = z.infer<typeof MfaKindParamsSchema>;

export const RecoveryCodesSchema = z
  .object({
    recovery_codes: z
      .array(z.string())
      .meta({ description: "Shown once; each works once. Empty when not the first factor." }),
  })
  .meta({ id: "RecoveryCodes" });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

export const JwksSchema = z
  .object({ keys: z.array(z.record(z.string(), z.unknown())) })
  .meta({ id: "Jwks", description: "JSON Web Key Set (RFC 7517) of the access-token signing keys" });
export type Jwks = z.infer<typeof JwksSchema>;
