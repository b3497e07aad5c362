import type { AccountsService, Actor } from "@folio/domain";
import {
  AcceptedResponseSchema,
  ChangeEmailBodySchema,
  ChangePasswordBodySchema,
  CodeBodySchema,
  MfaKindParamsSchema,
  MfaStatusSchema,
  RecoveryCodesSchema,
  SessionIdParamsSchema,
  SessionListSchema,
  SmsEnrolBodySchema,
  TokenBodySchema,
  TotpEnrolmentSchema,
  UpdateMeBodySchema,
  UserSchema,
  VerifiedResponseSchema,
} from "@folio/types";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requestMeta, requireAuth } from "../plugins/auth.js";
import { NO_STORE } from "../plugins/problem-details.js";
import { NoContentSchema } from "./auth.routes.js";
import { problemResponses } from "./route-schemas.js";

const ACCOUNT = "account:manage" as const;

function actorOf(request: FastifyRequest): Actor {
  const auth = requireAuth(request);
  return { userId: auth.userId, sessionId: auth.sessionId };
}

/** The signed-in user's own account: profile, password, email, sessions, second factors. */
export const meRoutes: FastifyPluginAsyncZod<{ accounts: AccountsService }> = (app, { accounts }) => {
  const tags = ["account"];

  app.get(
    "/me",
    {
      config: { permission: ACCOUNT, allowDuringMfaEnrolment: true },
      schema: {
        operationId: "getMe",
        summary: "The signed-in user",
        description: "Profile, role, permissions and MFA state of the caller.",
        tags,
        response: { 200: UserSchema, ...problemResponses(500) },
        responseDescriptions: { 200: "The caller's account" },
      },
    },
    (request) => accounts.getMe(actorOf(request)),
  );

  app.patch(
    "/me",
    {
      config: { permission: ACCOUNT },
      schema: {
        operationId: "updateMe",
        summary: "Update the profile",
        description: "Changes the display name, bio, website or avatar URL; `null` clears a field.",
        tags,
        body: UpdateMeBodySchema,
        response: { 200: UserSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "The updated account" },
      },
    },
    (request) => {
      const { display_name, bio, website_url, avatar_url } = request.body;
      return accounts.updateMe(
        actorOf(request),
        { displayName: display_name, bio, websiteUrl: website_url, avatarUrl: avatar_url },
        requestMeta(request),
      );
    },
  );

  app.post(
    "/me/password",
    {
      config: { permission: ACCOUNT, stepUp: true },
      schema: {
        operationId: "changePassword",
        summary: "Change the password",
        description: "Needs the current password; every other session is signed out.",
        tags,
        body: ChangePasswordBodySchema,
        response: { 204: NoContentSchema, ...problemResponses(400, 429, 500) },
      },
    },
    async (request, reply) => {
      const { current_password, new_password } = request.body;
      await accounts.changePassword(
        actorOf(request),
        { currentPassword: current_password, newPassword: new_password },
        requestMeta(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/me/email",
    {
      config: { permission: ACCOUNT, stepUp: true },
      schema: {
        operationId: "changeEmail",
        summary: "Change the email address",
        description:
          "Emails a confirmation link to the new address; the change happens when it is followed " +
          "(`POST /me/email/confirm`), and the old address is then told.",
        tags,
        body: ChangeEmailBodySchema,
        response: { 202: AcceptedResponseSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 202: "Confirmation link sent" },
      },
    },
    async (request, reply) => {
      await accounts.requestEmailChange(actorOf(request), request.body.new_email, requestMeta(request));
      return reply.code(202).send({ accepted: true });
    },
  );

  app.post(
    "/me/email/confirm",
    {
      config: { permission: "public" },
      schema: {
        operationId: "confirmEmailChange",
        summary: "Confirm a new email address",
        description: "Completes an email change with the token from the link; 400 `invalid-token` otherwise.",
        tags,
        body: TokenBodySchema,
        response: { 200: VerifiedResponseSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "The address is changed" },
      },
    },
    async (request) => {
      await accounts.confirmEmailChange(request.body.token, requestMeta(request));
      return { verified: true as const };
    },
  );

  app.get(
    "/me/sessions",
    {
      config: { permission: ACCOUNT },
      schema: {
        operationId: "listSessions",
        summary: "List my sessions",
        description:
          "Open sessions (devices) of the caller, most recently used first; `current` marks this one.",
        tags,
        response: { 200: SessionListSchema, ...problemResponses(500) },
        responseDescriptions: { 200: "The sessions" },
      },
    },
    async (request) => ({ data: await accounts.listSessions(actorOf(request)) }),
  );

  app.delete(
    "/me/sessions/:id",
    {
      config: { permission: ACCOUNT },
      schema: {
        operationId: "revokeSession",
        summary: "Sign out one session",
        description: "404 when the id is not one of your open sessions.",
        tags,
        params: SessionIdParamsSchema,
        response: { 204: NoContentSchema, ...problemResponses(400, 404, 500) },
      },
    },
    async (request, reply) => {
      await accounts.revokeSession(actorOf(request), request.params.id, requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/me/sessions/revoke-others",
    {
      config: { permission: ACCOUNT },
      schema: {
        operationId: "revokeOtherSessions",
        summary: "Sign out every other session",
        tags,
        response: { 204: NoContentSchema, ...problemResponses(500) },
      },
    },
    async (request, reply) => {
      await accounts.revokeOtherSessions(actorOf(request), requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/me/mfa",
    {
      config: { permission: ACCOUNT, allowDuringMfaEnrolment: true },
      schema: {
        operationId: "getMfa",
        summary: "My second factors",
        tags,
        response: { 200: MfaStatusSchema, ...problemResponses(500) },
        responseDescriptions: { 200: "Factors, recovery codes left, and whether the role requires MFA" },
      },
    },
    (request) => accounts.getMfaStatus(actorOf(request)),
  );

  app.post(
    "/me/mfa/totp",
    {
      config: { permission: ACCOUNT, stepUp: true, allowDuringMfaEnrolment: true },
      schema: {
        operationId: "startTotpEnrolment",
        summary: "Start enrolling an authenticator app",
        description:
          "Returns a new secret and its otpauth:// URI (show it as a QR code); confirm with a code.",
        tags,
        response: { 200: TotpEnrolmentSchema, ...problemResponses(500) },
        responseDescriptions: { 200: "The secret, shown once" },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", NO_STORE);
      return accounts.startTotpEnrolment(actorOf(request));
    },
  );

  for (const kind of ["totp", "email", "sms"] as const) {
    app.post(
      `/me/mfa/${kind}/confirm`,
      {
        config: { permission: ACCOUNT, allowDuringMfaEnrolment: true },
        schema: {
          operationId: `confirm${kind === "totp" ? "Totp" : kind === "email" ? "Email" : "Sms"}Enrolment`,
          summary: `Confirm the ${kind === "totp" ? "authenticator app" : kind === "email" ? "email code" : "SMS"} factor`,
          description:
            "Confirms the pending factor with a code from it. The first factor of an account returns 10 recovery " +
            "codes, shown once; later ones return an empty list. A wrong code answers 400 `invalid-code`.",
          tags,
          body: CodeBodySchema,
          response: { 200: RecoveryCodesSchema, ...problemResponses(400, 404, 500) },
          responseDescriptions: { 200: "Enrolled" },
        },
      },
      async (request, reply) => {
        reply.header("cache-control", NO_STORE);
        const { recoveryCodes } = await accounts.confirmEnrolment(
          actorOf(request),
          kind,
          request.body.code,
          requestMeta(request),
        );
        return { recovery_codes: recoveryCodes };
      },
    );
  }

  app.post(
    "/me/mfa/email",
    {
      config: { permission: ACCOUNT, stepUp: true, allowDuringMfaEnrolment: true },
      schema: {
        operationId: "startEmailEnrolment",
        summary: "Start enrolling email codes",
        description: "Sends a code to your address; confirm with `POST /me/mfa/email/confirm`.",
        tags,
        response: { 202: AcceptedResponseSchema, ...problemResponses(429, 500) },
        responseDescriptions: { 202: "Code sent" },
      },
    },
    async (request, reply) => {
      await accounts.startEmailEnrolment(actorOf(request));
      return reply.code(202).send({ accepted: true });
    },
  );

  app.post(
    "/me/mfa/sms",
    {
      config: { permission: ACCOUNT, stepUp: true, allowDuringMfaEnrolment: true },
      schema: {
        operationId: "startSmsEnrolment",
        summary: "Start enrolling SMS codes",
        description: "Texts a code to the number (E.164); confirm with `POST /me/mfa/sms/confirm`.",
        tags,
        body: SmsEnrolBodySchema,
        response: { 202: AcceptedResponseSchema, ...problemResponses(400, 429, 500) },
        responseDescriptions: { 202: "Code sent" },
      },
    },
    async (request, reply) => {
      await accounts.startSmsEnrolment(actorOf(request), request.body.phone);
      return reply.code(202).send({ accepted: true });
    },
  );

  app.delete(
    "/me/mfa/:kind",
    {
      config: { permission: ACCOUNT, stepUp: true, allowDuringMfaEnrolment: true },
      schema: {
        operationId: "disableMfaFactor",
        summary: "Remove a second factor",
        description: "403 `mfa-required-by-role` for the last factor when your role requires MFA.",
        tags,
        params: MfaKindParamsSchema,
        response: { 204: NoContentSchema, ...problemResponses(400, 404, 500) },
      },
    },
    async (request, reply) => {
      await accounts.disableFactor(actorOf(request), request.params.kind, requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/me/recovery-codes",
    {
      config: { permission: ACCOUNT, stepUp: true, allowDuringMfaEnrolment: true },
      schema: {
        operationId: "regenerateRecoveryCodes",
        summary: "Replace the recovery codes",
        description: "Ten new single-use codes, shown once; the old ones stop working.",
        tags,
        response: { 200: RecoveryCodesSchema, ...problemResponses(500) },
        responseDescriptions: { 200: "The new codes" },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", NO_STORE);
      return {
        recovery_codes: await accounts.regenerateRecoveryCodes(actorOf(request), requestMeta(request)),
      };
    },
  );
  return Promise.resolve();
};
