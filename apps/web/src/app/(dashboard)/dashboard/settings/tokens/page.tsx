import type { Metadata } from "next";
import { ApiTokens } from "@/components/dashboard/api-tokens.client";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import type { ApiToken, ListOf } from "@/lib/auth-client";
import { getAsUser, requirePermission } from "@/lib/session";

export const metadata: Metadata = { title: "API tokens" };

const PATH = "/dashboard/settings/tokens";

export default async function TokensPage() {
  const user = await requirePermission("tokens:manage:own", PATH);
  const tokens = await getAsUser<ListOf<ApiToken>>("/me/tokens", PATH);
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="API tokens"
      description="Tokens let scripts and integrations call the Folio API as you, limited to the scopes you pick."
    >
      <ApiTokens initial={tokens} permissions={user.permissions} />
    </DashboardShell>
  );
}
