import type { Metadata } from "next";
import { AdminUsers } from "@/components/dashboard/admin-users.client";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { type AdminUserPage, type ListOf, type Role, hasPermission } from "@/lib/auth-client";
import { getAsUser, requirePermission } from "@/lib/session";

export const metadata: Metadata = { title: "Users" };

const PATH = "/dashboard/admin/users";

export default async function AdminUsersPage() {
  const user = await requirePermission("users:read", PATH);
  const [users, roles] = await Promise.all([
    getAsUser<AdminUserPage>("/admin/users?limit=25", PATH),
    getAsUser<ListOf<Role>>("/admin/roles", PATH),
  ]);
  const canManage = hasPermission(user, "users:manage");
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Users"
      description={
        canManage
          ? "Invite people, change their roles, and suspend accounts. Suspending signs a person out everywhere and revokes their API tokens."
          : "Everyone with an account on this site."
      }
    >
      <AdminUsers
        initial={users}
        roles={roles.data}
        canManage={canManage}
        currentUser={{ id: user.id, role: user.role }}
      />
    </DashboardShell>
  );
}
