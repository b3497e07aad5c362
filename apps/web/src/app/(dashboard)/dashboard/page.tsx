import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { successText, warningBg, warningBorder } from "@/components/auth/styles";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { type AccountSession, type ListOf, type MfaStatus, hasPermission } from "@/lib/auth-client";
import { getAsUser, requireSession } from "@/lib/session";

export const metadata: Metadata = { title: "Dashboard" };

const PATH = "/dashboard";

function Card({
  title,
  children,
  href,
  action,
}: {
  title: string;
  children: ReactNode;
  href: string;
  action: string;
}) {
  return (
    <section className="flex flex-col rounded-2xl border border-line bg-surface p-6">
      <h2 className="text-lg font-bold tracking-tight text-fg">{title}</h2>
      <div className="mt-2 flex-1 text-muted">{children}</div>
      <Link
        href={href}
        className="mt-5 self-start text-sm font-semibold text-accent underline-offset-4 hover:underline"
      >
        {action}
        <span aria-hidden="true"> →</span>
      </Link>
    </section>
  );
}

export default async function DashboardPage() {
  const user = await requireSession(PATH);
  const [sessions, mfa] = await Promise.all([
    getAsUser<ListOf<AccountSession>>("/me/sessions", PATH),
    getAsUser<MfaStatus>("/me/mfa", PATH),
  ]);
  const firstName = user.display_name.split(/\s+/)[0] ?? user.display_name;
  const confirmedFactors = mfa.factors.filter((f) => f.confirmed).length;
  const otherSessions = sessions.data.filter((s) => !s.current).length;

  return (
    <DashboardShell
      user={user}
      current={PATH}
      title={`Welcome back, ${firstName}`}
      description={
        <>
          You are signed in as <strong className="text-fg">{user.email}</strong> with the{" "}
          <strong className="text-fg">{user.role}</strong> role.
        </>
      }
    >
      {!user.email_verified && (
        <div className={`mb-8 rounded-xl border px-5 py-4 text-fg ${warningBorder} ${warningBg}`}>
          <p className="font-semibold">Your email address is not verified yet</p>
          <p className="mt-1 text-sm">Open the link we sent you so we can reach you about your account.</p>
        </div>
      )}
      <div className="grid gap-5 sm:grid-cols-2 xl:grid-cols-3">
        <Card
          title="Two-step verification"
          href="/dashboard/settings/mfa"
          action={confirmedFactors > 0 ? "Manage" : "Set it up"}
        >
          {confirmedFactors > 0 ? (
            <p>
              <span className={`font-semibold ${successText}`}>On</span> with {confirmedFactors}{" "}
              {confirmedFactors === 1 ? "method" : "methods"}; {mfa.recovery_codes_remaining} recovery{" "}
              {mfa.recovery_codes_remaining === 1 ? "code" : "codes"} left.
            </p>
          ) : (
            <p>Off. Add an authenticator app so a stolen password is not enough to get in.</p>
          )}
        </Card>
        <Card title="Sessions" href="/dashboard/settings/sessions" action="Review sessions">
          <p>
            This browser
            {otherSessions === 0
              ? " is your only signed-in device."
              : ` and ${otherSessions} other ${otherSessions === 1 ? "session" : "sessions"}.`}
          </p>
        </Card>
        <Card title="Profile" href="/dashboard/settings/profile" action="Edit profile">
          <p>Your name, short bio and links, shown with what you write.</p>
        </Card>
        {hasPermission(user, "tokens:manage:own") && (
          <Card title="API tokens" href="/dashboard/settings/tokens" action="Manage tokens">
            <p>Personal tokens for scripts and integrations, limited to the scopes you choose.</p>
          </Card>
        )}
        {hasPermission(user, "users:read") && (
          <Card title="People" href="/dashboard/admin/users" action="Manage users">
            <p>
              {hasPermission(user, "users:manage")
                ? "Invite people, change their roles and suspend accounts."
                : "See who has an account and what role they have."}
            </p>
          </Card>
        )}
        {hasPermission(user, "users:read") && (
          <Card title="Roles" href="/dashboard/admin/roles" action="View roles">
            <p>
              {hasPermission(user, "roles:manage")
                ? "Create custom roles and decide which roles must use two-step verification."
                : "The roles on this site and what each one may do."}
            </p>
          </Card>
        )}
      </div>
      <section aria-labelledby="permissions-heading" className="mt-12">
        <h2 id="permissions-heading" className="text-lg font-bold tracking-tight text-fg">
          What your role can do
        </h2>
        <ul className="mt-4 flex flex-wrap gap-2">
          {user.permissions.map((permission) => (
            <li
              key={permission}
              className="rounded-full border border-line px-3 py-1 font-mono text-xs text-fg"
            >
              {permission}
            </li>
          ))}
        </ul>
      </section>
    </DashboardShell>
  );
}
