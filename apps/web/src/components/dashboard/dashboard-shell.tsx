import Link from "next/link";
import type { ReactNode } from "react";
import { Avatar } from "@/components/avatar";
import { warningBg, warningBorder } from "@/components/auth/styles";
import { type AccountUser, hasPermission } from "@/lib/auth-client";
import { SignOutButton } from "./sign-out-button.client";
import { StepUpProvider } from "./step-up.client";

interface NavItem {
  href: string;
  label: string;
  /** Shown only to users holding this permission; the page itself checks it again. */
  permission?: string;
}

const NAV: { heading: string; items: NavItem[] }[] = [
  { heading: "Overview", items: [{ href: "/dashboard", label: "Dashboard" }] },
  {
    heading: "Writing",
    items: [
      { href: "/dashboard/posts", label: "Posts", permission: "posts:create" },
      { href: "/dashboard/pages", label: "Pages", permission: "pages:manage" },
      { href: "/dashboard/media", label: "Media", permission: "media:upload" },
      { href: "/dashboard/comments", label: "Comments", permission: "comments:moderate" },
      { href: "/dashboard/taxonomy", label: "Tags and categories", permission: "taxonomy:manage" },
    ],
  },
  {
    heading: "Account",
    items: [
      { href: "/dashboard/settings/profile", label: "Profile" },
      { href: "/dashboard/settings/security", label: "Password and email" },
      { href: "/dashboard/settings/mfa", label: "Two-step verification" },
      { href: "/dashboard/settings/sessions", label: "Sessions" },
      { href: "/dashboard/settings/connections", label: "Connected accounts" },
      { href: "/dashboard/settings/tokens", label: "API tokens", permission: "tokens:manage:own" },
    ],
  },
  {
    heading: "Administration",
    items: [
      { href: "/dashboard/admin/users", label: "Users", permission: "users:read" },
      { href: "/dashboard/admin/roles", label: "Roles", permission: "users:read" },
      { href: "/dashboard/redirects", label: "Redirects", permission: "redirects:manage" },
    ],
  },
];

/**
 * The frame of every dashboard page: navigation trimmed to what the user's role allows, the page
 * heading and the step-up dialog. It is rendered by each page after its own session check (the
 * layout does no access control), so it always has the signed-in user.
 */
export function DashboardShell({
  user,
  current,
  title,
  description,
  children,
}: {
  user: AccountUser;
  /** The path of the page, to mark its link as current. */
  current: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const enrolmentOnly = user.mfa.required && !user.mfa.enabled;
  const sections = NAV.map((section) => ({
    ...section,
    items: section.items.filter(
      (item) =>
        (item.permission === undefined || hasPermission(user, item.permission)) &&
        // Until a required second factor is set up the API refuses everything but the MFA settings.
        (!enrolmentOnly || item.href === "/dashboard/settings/mfa"),
    ),
  })).filter((section) => section.items.length > 0);

  return (
    <StepUpProvider factors={user.mfa.factors}>
      <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8 sm:py-12 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-12">
        <aside className="mb-10 lg:mb-0">
          <div className="flex items-center gap-3">
            <Avatar name={user.display_name} url={user.avatar_url} size="md" />
            <div className="min-w-0">
              <p className="truncate font-semibold text-fg">{user.display_name}</p>
              <p className="truncate text-sm text-muted">{user.email}</p>
              <p className="mt-0.5 text-xs font-semibold uppercase tracking-wider text-muted">{user.role}</p>
            </div>
          </div>
          <nav aria-label="Dashboard" className="mt-8">
            {sections.map((section) => (
              <div key={section.heading} className="mb-6">
                <p
                  id={`nav-${section.heading.toLowerCase()}`}
                  className="px-3 text-xs font-semibold uppercase tracking-wider text-muted"
                >
                  {section.heading}
                </p>
                <ul aria-labelledby={`nav-${section.heading.toLowerCase()}`} className="mt-2 grid gap-0.5">
                  {section.items.map((item) => {
                    const active = item.href === current;
                    return (
                      <li key={item.href}>
                        <Link
                          href={item.href}
                          aria-current={active ? "page" : undefined}
                          className={`block rounded-md px-3 py-2 text-sm font-medium ${
                            active ? "bg-surface text-fg" : "text-muted hover:bg-surface hover:text-fg"
                          }`}
                        >
                          {item.label}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
            <SignOutButton className="w-full rounded-md px-3 py-2 text-left text-sm font-medium text-muted hover:bg-surface hover:text-fg" />
          </nav>
        </aside>
        <div className="min-w-0">
          {enrolmentOnly && (
            <div className={`mb-8 rounded-xl border px-5 py-4 text-fg ${warningBorder} ${warningBg}`}>
              <p className="font-semibold">Two-step verification is required for your role</p>
              <p className="mt-1 text-sm">
                Turn on one of the methods below. Until then the rest of the dashboard stays locked.
              </p>
            </div>
          )}
          <header className="border-b border-line pb-6">
            <h1 className="text-3xl font-extrabold tracking-tight text-fg sm:text-4xl">{title}</h1>
            {description !== undefined && <div className="mt-2 max-w-2xl text-muted">{description}</div>}
          </header>
          <div className="mt-8">{children}</div>
        </div>
      </div>
    </StepUpProvider>
  );
}
