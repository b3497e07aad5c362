import type { Metadata } from "next";
import { AuthShell } from "@/components/auth/auth-shell";
import { FormAlert } from "@/components/auth/form-controls";
import { SetPasswordForm } from "@/components/auth/set-password-form.client";
import { firstParam } from "@/lib/format";

export const metadata: Metadata = {
  title: "Accept your invitation",
  robots: { index: false },
  referrer: "no-referrer",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AcceptInvitePage({ searchParams }: Props) {
  const token = firstParam((await searchParams).token) ?? "";
  return (
    <AuthShell
      title="Accept your invitation"
      description="You have been invited to Folio. Choose a password to activate your account."
    >
      {token === "" || token.length > 512 ? (
        <FormAlert message="This invitation link is incomplete. Open the link from the email again." />
      ) : (
        <SetPasswordForm
          token={token}
          endpoint="/auth/accept-invite"
          doneHref="/login?invited=1"
          submitLabel="Set password and continue"
        />
      )}
    </AuthShell>
  );
}
