import type { Metadata } from "next";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { SessionsList } from "@/components/dashboard/sessions-list.client";
import type { AccountSession, ListOf } from "@/lib/auth-client";
import { getAsUser, requireSession } from "@/lib/session";

export const metadata: Metadata = { title: "Sessions" };

const PATH = "/dashboard/settings/sessions";

export default async function SessionsPage() {
  const user = await requireSession(PATH);
  const sessions = await getAsUser<ListOf<AccountSession>>("/me/sessions", PATH);
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Sessions"
      description="Every browser and app signed in to your account. Revoke any you do not recognise."
    >
      <SessionsList initial={sessions} />
    </DashboardShell>
  );
}
