import { isFolioError } from "@folio/core";
import { InvalidRefreshTokenError, type AccountsService, type SignedIn } from "@folio/domain";
import {
  AcceptedResponseSchema,
  EmailBodySchema,
  LoginBodySchema,
  LoginResponseSchema,
  MfaSendBodySchema,
  MfaVerifyBodySchema,
  RefreshBodySchema,
  RegisterBodySchema,
  RegisterResponseSchema,
  ResetPasswordBodySchema,
  StepUpBodySchema,
  StepUpResponseSchema,
  StepUpSendBodySchema,
  TokenBodySchema,
  TokenResponseSchema,
  VerifiedResponseSchema,
  type TokenResponse,
} from "@folio/types";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { NO_STORE } from "../plugins/problem-details.js";
import { requestMeta, requireAuth, verifyCsrf } from "../plugins/auth.js";
import { clearSessionCookies, isWebClient, readCookie, setSessionCookies } from "../plugins/auth-cookies.js";
import { problemResponses } from "./route-schemas.js";

export const NoContentSchema = z.null().meta({ description: "No content" });

/**
 * The answer to a completed sign-in. Web clients (`X-Folio-Client: web`, or a refresh made with
 * the cookie) get the refresh token as an HttpOnly cookie instead of in the body.
 */
export function sendTokenResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  signedIn: SignedIn,
  options: { web?: boolean } = {},
): TokenResponse {
  reply.header("cache-control", NO_STORE);
  const body: TokenResponse = {
    access_token: signedIn.accessToken,
    token_type: "Bearer",
    expires_in: signedIn.expiresIn,
    user: signedIn.user,
  };
  if (options.web ?? isWebClient(request)) {
    setSessionCookies(reply, signedIn, { secure: request.server.authSettings.cookieSecure });
    return body;
  }
  return { ...body, refresh_token: signedIn.refreshToken };
}

/** A refresh token from the body, else from the refresh cookie (which needs the CSRF header). */
function refreshTokenOf(
  request: FastifyRequest,
  body: { refresh_token?: string | undefined } | null | undefined,
) {
  if (body?.refresh_token !== undefined) return { token: body.refresh_token, viaCookie: false };
  const token = readCookie(request, request.server.authSettings.cookieNames.refresh);
  if (token === null) return null;
  verifyCsrf(request);
  return { token, viaCookie: true };
}

const ACCOUNT = "account:manage" as const;

export const authRoutes: FastifyPluginAsyncZod<{ accounts: AccountsService }> = (app, { accounts }) => {
  const tags = ["auth"];

  app.post(
    "/auth/register",
    {
      config: { permission: "public" },
      schema: {
        operationId: "register",
        summary: "Create an account",
        description:
          "Creates a member account and emails a verification link. An address that already has an account " +
          "gets the same answer (its owner is emailed instead), so the endpoint reveals no accounts. " +
          "403 `registration-closed` when self-service sign-up is off.",
        tags,
        body: RegisterBodySchema,
        response: { 201: RegisterResponseSchema, ...problemResponses(400, 429, 500) },
        responseDescriptions: { 201: "Created; the email must be verified before signing in" },
      },
    },
    async (request, reply) => {
      const { email, password, display_name } = request.body;
      const result = await accounts.register(
        { email, password, displayName: display_name },
        requestMeta(request),
      );
      return reply.code(201).send({ user: result.user, verification_required: true });
    },
  );

  app.post(
    "/auth/verify-email",
    {
      config: { permission: "public" },
      schema: {
        operationId: "verifyEmail",
        summary: "Verify an email address",
        description:
          "Confirms the address with the token from the emailed link; 400 `invalid-token` when it is unknown, expired or used.",
        tags,
        body: TokenBodySchema,
        response: { 200: VerifiedResponseSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "Verified" },
      },
    },
    async (request) => {
      await accounts.verifyEmail(request.body.token, requestMeta(request));
      return { verified: true as const };
    },
  );

  app.post(
    "/auth/resend-verification",
    {
      config: { permission: "public" },
      schema: {
        operationId: "resendVerification",
        summary: "Send the verification email again",
        description: "Always 202, whether or not the address has an (unverified) account.",
        tags,
        body: EmailBodySchema,
        response: { 202: AcceptedResponseSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 202: "Accepted" },
      },
    },
    async (request, reply) => {
      await accounts.resendVerification(request.body.email);
      return reply.code(202).send({ accepted: true });
    },
  );

  app.post(
    "/auth/login",
    {
      config: { permission: "public" },
      schema: {
        operationId: "login",
        summary: "Sign in with email and password",
        description:
          "Answers 200 with tokens, or with an MFA challenge (`mfa_required: true`) when a second factor is " +
          "enrolled: complete it with `POST /auth/mfa/verify`. Wrong credentials: 401 `invalid-credentials` (the same " +
          "for unknown addresses). Too many failures: 429 with `Retry-After` (`account-locked` once locked). " +
          "Send `X-Folio-Client: web` to receive the tokens as cookies.",
        tags,
        body: LoginBodySchema,
        response: { 200: LoginResponseSchema, ...problemResponses(400, 429, 500) },
        responseDescriptions: { 200: "Signed in, or an MFA challenge" },
      },
    },
    async (request, reply) => {
      const result = await accounts.login(request.body, requestMeta(request));
      if (result.kind === "mfa-required") {
        reply.header("cache-control", NO_STORE);
        return result.challenge;
      }
      return sendTokenResponse(request, reply, result);
    },
  );

  app.post(
    "/auth/mfa/verify",
    {
      config: { permission: "public" },
      schema: {
        operationId: "verifyMfa",
        summary: "Complete a sign-in with a second factor",
        description:
          "Exchanges the challenge of `POST /auth/login` and a code (TOTP, emailed, texted or a recovery code) for " +
          "tokens. A wrong code answers 401 `invalid-code`; five wrong codes end the challenge (401 `invalid-challenge`).",
        tags,
        body: MfaVerifyBodySchema,
        response: { 200: TokenResponseSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "Signed in" },
      },
    },
    async (request, reply) => {
      const { challenge_token, method, code } = request.body;
      const signedIn = await accounts.verifyMfa(
        { challengeToken: challenge_token, method, code },
        requestMeta(request),
      );
      return sendTokenResponse(request, reply, signedIn);
    },
  );

  app.post(
    "/auth/mfa/send",
    {
      config: { permission: "public" },
      schema: {
        operationId: "sendMfaCode",
        summary: "Send a sign-in code by email or SMS",
        description: "Sends a 6-digit code (valid 10 minutes) for a pending MFA challenge.",
        tags,
        body: MfaSendBodySchema,
        response: { 202: AcceptedResponseSchema, ...problemResponses(400, 429, 500) },
        responseDescriptions: { 202: "Sent when the factor exists" },
      },
    },
    async (request, reply) => {
      await accounts.sendMfaCode({
        challengeToken: request.body.challenge_token,
        method: request.body.method,
      });
      return reply.code(202).send({ accepted: true });
    },
  );

  app.post(
    "/auth/refresh",
    {
      config: { permission: "public" },
      schema: {
        operationId: "refreshToken",
        summary: "Rotate the refresh token",
        description:
          "Exchanges a refresh token (body, or the refresh cookie plus `X-CSRF-Token`) for new tokens; the old " +
          "refresh token stops working. Presenting an already-used refresh token ends the whole session " +
          "(401 `refresh-token-reused`).",
        tags,
        body: RefreshBodySchema.nullish(),
        response: { 200: TokenResponseSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "New tokens" },
      },
    },
    async (request, reply) => {
      const source = refreshTokenOf(request, request.body);
      if (source === null) throw new InvalidRefreshTokenError();
      try {
        const signedIn = await accounts.refresh(source.token, requestMeta(request));
        return sendTokenResponse(request, reply, signedIn, { web: source.viaCookie || isWebClient(request) });
      } catch (error) {
        if (source.viaCookie && isFolioError(error) && error.status === 401) {
          clearSessionCookies(reply, { secure: app.authSettings.cookieSecure });
        }
        throw error;
      }
    },
  );

  app.post(
    "/auth/logout",
    {
      config: { permission: "public" },
      schema: {
        operationId: "logout",
        summary: "Sign out this session",
        description:
          "Revokes the session of the refresh token (body or cookie) and clears the session cookies.",
        tags,
        body: RefreshBodySchema.nullish(),
        response: { 204: NoContentSchema, ...problemResponses(400, 500) },
      },
    },
    async (request, reply) => {
      const source = refreshTokenOf(request, request.body);
      if (source !== null) await accounts.logout(source.token, requestMeta(request));
      clearSessionCookies(reply, { secure: app.authSettings.cookieSecure });
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/auth/logout-all",
    {
      config: { permission: ACCOUNT, allowDuringMfaEnrolment: true },
      schema: {
        operationId: "logoutAll",
        summary: "Sign out everywhere",
        description: "Revokes every session of the caller, this one included.",
        tags,
        response: { 204: NoContentSchema, ...problemResponses(500) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await accounts.logoutAll({ userId: auth.userId, sessionId: auth.sessionId }, requestMeta(request));
      clearSessionCookies(reply, { secure: app.authSettings.cookieSecure });
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/auth/forgot-password",
    {
      config: { permission: "public" },
      schema: {
        operationId: "forgotPassword",
        summary: "Email a password-reset link",
        description: "Always 202. The link works once and expires after 30 minutes.",
        tags,
        body: EmailBodySchema,
        response: { 202: AcceptedResponseSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 202: "Accepted" },
      },
    },
    async (request, reply) => {
      await accounts.forgotPassword(request.body.email, requestMeta(request));
      return reply.code(202).send({ accepted: true });
    },
  );

  app.post(
    "/auth/reset-password",
    {
      config: { permission: "public" },
      schema: {
        operationId: "resetPassword",
        summary: "Set a new password with a reset token",
        description:
          "Sets the password and signs out every session. 400 `invalid-token` for a bad or used link.",
        tags,
        body: ResetPasswordBodySchema,
        response: { 204: NoContentSchema, ...problemResponses(400, 500) },
      },
    },
    async (request, reply) => {
      await accounts.resetPassword(request.body, requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/auth/step-up",
    {
      config: { permission: ACCOUNT, allowDuringMfaEnrolment: true },
      schema: {
        operationId: "stepUp",
        summary: "Re-authenticate for sensitive actions",
        description:
          "Confirms the password — and, when a second factor is enrolled, a code (`method` + `code`) — so that " +
          "sensitive actions are allowed for the next 15 minutes. A wrong password or code answers 400.",
        tags,
        body: StepUpBodySchema,
        response: { 200: StepUpResponseSchema, ...problemResponses(400, 429, 500) },
        responseDescriptions: { 200: "Re-authenticated" },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { stepUpExpiresAt } = await accounts.stepUp(
        { userId: auth.userId, sessionId: auth.sessionId },
        request.body,
        requestMeta(request),
      );
      return { step_up_expires_at: stepUpExpiresAt.toISOString() };
    },
  );

  app.post(
    "/auth/step-up/send",
    {
      config: { permission: ACCOUNT, allowDuringMfaEnrolment: true },
      schema: {
        operationId: "sendStepUpCode",
        summary: "Send a re-authentication code by email or SMS",
        description: "For users whose second factor is an emailed or texted code.",
        tags,
        body: StepUpSendBodySchema,
        response: { 202: AcceptedResponseSchema, ...problemResponses(400, 404, 429, 500) },
        responseDescriptions: { 202: "Sent" },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await accounts.sendStepUpCode({ userId: auth.userId, sessionId: auth.sessionId }, request.body.method);
      return reply.code(202).send({ accepted: true });
    },
  );
  return Promise.resolve();
};
