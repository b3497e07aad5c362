import type { Metadata } from "next";
import { AdminRoles } from "@/components/dashboard/admin-roles.client";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { type ListOf, type PermissionInfo, type Role, hasPermission } from "@/lib/auth-client";
import { getAsUser, requirePermission } from "@/lib/session";

export const metadata: Metadata = { title: "Roles" };

const PATH = "/dashboard/admin/roles";

export default async function AdminRolesPage() {
  const user = await requirePermission("users:read", PATH);
  const [roles, permissions] = await Promise.all([
    getAsUser<ListOf<Role>>("/admin/roles", PATH),
    getAsUser<ListOf<PermissionInfo>>("/admin/permissions", PATH),
  ]);
  const canManage = hasPermission(user, "roles:manage");
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Roles"
      description="A role is a named set of permissions. Built-in roles keep their permissions; custom roles are yours to shape."
    >
      <AdminRoles initial={roles} permissions={permissions.data} canManage={canManage} />
    </DashboardShell>
  );
}
