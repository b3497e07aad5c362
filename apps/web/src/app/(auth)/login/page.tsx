import type { Metadata } from "next";
import Link from "next/link";
import { redirect, unstable_rethrow } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { FormStatus } from "@/components/auth/form-controls";
import { LoginForm } from "@/components/auth/login-form.client";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { linkClass } from "@/components/auth/styles";
import { type AccountUser, type ListOf, type OAuthProvider, safeNextPath } from "@/lib/auth-client";
import { firstParam } from "@/lib/format";
import { getPublic, getSession } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ERRORS: Record<string, string> = {
  oauth: "Signing in with that provider did not work. Please try again.",
  "oauth-link-required":
    "An account with this email address already exists. Sign in with your password, then connect the provider in your account settings.",
  expired: "Your session has ended. Please sign in again.",
  unavailable: "The sign-in service is not reachable right now. Please try again shortly.",
};
const NOTICES: Record<string, string> = {
  reset: "Your password has been changed and you were signed out everywhere. Sign in with the new password.",
  invited: "Your password is set. Sign in to get started.",
  "signed-out": "You have been signed out.",
};

async function loadProviders(): Promise<OAuthProvider[]> {
  try {
    return (await getPublic<ListOf<OAuthProvider>>("/auth/providers")).data;
  } catch (error) {
    unstable_rethrow(error);
    // Password sign-in still works without the provider list.
    return [];
  }
}

async function currentUser(): Promise<AccountUser | null> {
  try {
    return await getSession();
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
}

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(firstParam(params.next));
  if ((await currentUser()) !== null) redirect(next);
  const providers = await loadProviders();
  const error = ERRORS[firstParam(params.error) ?? ""] ?? null;
  const notice = Object.keys(NOTICES).find((key) => firstParam(params[key]) === "1");

  return (
    <AuthShell
      title="Sign in"
      description="Welcome back. Sign in to your Folio account."
      footer={
        <>
          New here?{" "}
          <Link href="/register" className={linkClass}>
            Create an account
          </Link>
        </>
      }
    >
      {notice !== undefined && (
        <div className="mb-5">
          <FormStatus>{NOTICES[notice]}</FormStatus>
        </div>
      )}
      <LoginForm next={next} initialError={error} />
      <OAuthButtons providers={providers} next={next} />
    </AuthShell>
  );
}
