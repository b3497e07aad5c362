import type { Metadata } from "next";
import { AuthShell } from "@/components/auth/auth-shell";
import { FormAlert } from "@/components/auth/form-controls";
import { TokenAction } from "@/components/auth/token-action.client";
import { firstParam } from "@/lib/format";

export const metadata: Metadata = {
  title: "Confirm your new email address",
  robots: { index: false },
  referrer: "no-referrer",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConfirmEmailPage({ searchParams }: Props) {
  const token = firstParam((await searchParams).token) ?? "";
  return (
    <AuthShell title="Confirm your new email address">
      {token === "" || token.length > 512 ? (
        <FormAlert message="This link is incomplete. Open the link from the email again." />
      ) : (
        <TokenAction
          token={token}
          endpoint="/me/email/confirm"
          workingText="Confirming your new address…"
          doneText="Your email address has been changed. Use the new address to sign in from now on."
          doneLink={{ href: "/dashboard/settings/security", label: "Back to your account" }}
        />
      )}
    </AuthShell>
  );
}
