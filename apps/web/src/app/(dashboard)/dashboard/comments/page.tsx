import type { CommentCounts, CommentSettings, StaffCommentList } from "@folio/types";
import type { Metadata } from "next";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { hasPermission } from "@/lib/auth-client";
import { getAsUser, requirePermission } from "@/lib/session";
import { CommentModeration } from "./_components/comment-moderation.client";
import { QUEUE_PAGE_SIZE } from "./_components/moderation-queries";

export const metadata: Metadata = { title: "Comments" };

const PATH = "/dashboard/comments";

export default async function CommentsModerationPage() {
  const user = await requirePermission("comments:moderate", PATH);
  const [queue, counts, settings] = await Promise.all([
    getAsUser<StaffCommentList>(`/admin/comments?status=pending&limit=${QUEUE_PAGE_SIZE}`, PATH),
    getAsUser<CommentCounts>("/admin/comments/counts", PATH),
    getAsUser<CommentSettings>("/admin/settings/comments", PATH),
  ]);
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Comments"
      description="Approve what readers wrote, catch spam, and decide how comments are moderated."
    >
      <CommentModeration
        initialQueue={queue}
        initialCounts={counts}
        settings={settings}
        canEditSettings={hasPermission(user, "settings:manage")}
      />
    </DashboardShell>
  );
}
