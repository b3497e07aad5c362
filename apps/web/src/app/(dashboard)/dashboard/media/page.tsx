import type { MediaList } from "@folio/types";
import type { Metadata } from "next";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { MediaLibrary } from "@/components/media/media-library.client";
import { hasPermission } from "@/lib/auth-client";
import { getAsUser, requirePermission } from "@/lib/session";

export const metadata: Metadata = { title: "Media" };

const PATH = "/dashboard/media";
const PAGE_SIZE = 24;

export default async function MediaPage() {
  const user = await requirePermission("media:upload", PATH);
  const initial = await getAsUser<MediaList>(`/admin/media?limit=${PAGE_SIZE}`, PATH);
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Media"
      description="Images and PDFs for posts and pages. Images get WebP and AVIF sizes automatically; their location and camera data are removed on upload."
    >
      <MediaLibrary
        initial={initial}
        pageSize={PAGE_SIZE}
        currentUserId={user.id}
        canManage={hasPermission(user, "media:manage")}
      />
    </DashboardShell>
  );
}
