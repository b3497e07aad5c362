import type { Metadata } from "next";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { ProfileForm } from "@/components/dashboard/profile-form.client";
import { requireSession } from "@/lib/session";

export const metadata: Metadata = { title: "Profile" };

const PATH = "/dashboard/settings/profile";

export default async function ProfilePage() {
  const user = await requireSession(PATH);
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Profile"
      description="How you appear to readers and to the team."
    >
      <ProfileForm user={user} />
    </DashboardShell>
  );
}
