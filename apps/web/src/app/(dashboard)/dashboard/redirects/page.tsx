import type { Metadata } from "next";
import type { RedirectList } from "@folio/types";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { getAsUser, requirePermission } from "@/lib/session";
import { RedirectsManager } from "./_components/redirects-manager.client";

export const metadata: Metadata = { title: "Redirects" };

const PATH = "/dashboard/redirects";

export default async function RedirectsPage() {
  const user = await requirePermission("redirects:manage", PATH);
  const initial = await getAsUser<RedirectList>("/admin/redirects?limit=50", PATH);
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Redirects"
      description="Old addresses and where they go. Slug changes of posts, pages, tags and categories add theirs automatically; add your own for moved or retired pages."
    >
      <RedirectsManager initial={initial} />
    </DashboardShell>
  );
}
