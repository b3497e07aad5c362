import type { Metadata } from "next";
import { unstable_rethrow } from "next/navigation";
import { FormAlert, FormStatus } from "@/components/auth/form-controls";
import { ConnectionsList } from "@/components/dashboard/connections-list.client";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import type { Connection, ListOf, OAuthProvider } from "@/lib/auth-client";
import { firstParam } from "@/lib/format";
import { getAsUser, getPublic, requireSession } from "@/lib/session";

export const metadata: Metadata = { title: "Connected accounts" };

const PATH = "/dashboard/settings/connections";

async function loadProviders(): Promise<OAuthProvider[]> {
  try {
    return (await getPublic<ListOf<OAuthProvider>>("/auth/providers")).data;
  } catch (error) {
    unstable_rethrow(error);
    return [];
  }
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** What the API's OAuth callback reports when it sends the browser back here after linking. */
const LINK_ERRORS: Record<string, string> = {
  "oauth-account-taken": "That account is already connected to another Folio account.",
  oauth: "Connecting the account did not work. Please try again.",
};

export default async function ConnectionsPage({ searchParams }: Props) {
  const user = await requireSession(PATH);
  const params = await searchParams;
  const connected = firstParam(params.connected);
  const linkError = LINK_ERRORS[firstParam(params.error) ?? ""] ?? null;
  const [connections, providers] = await Promise.all([
    getAsUser<ListOf<Connection>>("/me/connections", PATH),
    loadProviders(),
  ]);
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Connected accounts"
      description="Sign in with an account you already have elsewhere. Connecting one asks you to confirm your password first."
    >
      <div className="grid gap-6">
        <FormAlert message={linkError} />
        <FormStatus>
          {connected !== undefined &&
            linkError === null &&
            `${providers.find((p) => p.id === connected)?.name ?? "The account"} is connected. You can use it to sign in.`}
        </FormStatus>
        <ConnectionsList initial={connections} providers={providers} />
      </div>
    </DashboardShell>
  );
}
