import type { Metadata } from "next";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { MfaSettings } from "@/components/dashboard/mfa-settings.client";
import type { MfaStatus } from "@/lib/auth-client";
import { getAsUser, requireSession } from "@/lib/session";

export const metadata: Metadata = { title: "Two-step verification" };

const PATH = "/dashboard/settings/mfa";

export default async function MfaPage() {
  // The one dashboard page an enrolment-only session may open (the API allows /me/mfa* for it).
  const user = await requireSession(PATH, { allowEnrolmentOnly: true });
  const status = await getAsUser<MfaStatus>("/me/mfa", PATH);
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Two-step verification"
      description="After your password, Folio asks for a code from a second method, so a leaked password alone cannot open your account."
    >
      <MfaSettings initial={status} email={user.email} />
    </DashboardShell>
  );
}
