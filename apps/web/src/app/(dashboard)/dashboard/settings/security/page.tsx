import type { Metadata } from "next";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import {
  ChangeEmailForm,
  ChangePasswordForm,
  SignOutEverywhereButton,
} from "@/components/dashboard/security-forms.client";
import { requireSession } from "@/lib/session";

export const metadata: Metadata = { title: "Password and email" };

const PATH = "/dashboard/settings/security";

export default async function SecurityPage() {
  const user = await requireSession(PATH);
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Password and email"
      description="Changes here ask you to confirm your password if you signed in more than 15 minutes ago."
    >
      <div className="grid gap-12">
        <section aria-labelledby="password-heading">
          <h2 id="password-heading" className="mb-5 text-xl font-bold tracking-tight text-fg">
            Change password
          </h2>
          <ChangePasswordForm email={user.email} />
        </section>
        <section aria-labelledby="email-heading" className="border-t border-line pt-10">
          <h2 id="email-heading" className="mb-5 text-xl font-bold tracking-tight text-fg">
            Change email address
          </h2>
          <ChangeEmailForm email={user.email} />
        </section>
        <section aria-labelledby="everywhere-heading" className="border-t border-line pt-10">
          <h2 id="everywhere-heading" className="text-xl font-bold tracking-tight text-fg">
            Sign out everywhere
          </h2>
          <p className="mb-5 mt-2 max-w-xl text-muted">
            Ends every session of your account, including this one. Use it if you lost a device or think
            someone else has your password.
          </p>
          <SignOutEverywhereButton />
        </section>
      </div>
    </DashboardShell>
  );
}
