import type { Metadata } from "next";
import Link from "next/link";
import { AuthShell } from "@/components/auth/auth-shell";
import { FormAlert } from "@/components/auth/form-controls";
import { SetPasswordForm } from "@/components/auth/set-password-form.client";
import { linkClass } from "@/components/auth/styles";
import { firstParam } from "@/lib/format";

export const metadata: Metadata = {
  title: "Choose a new password",
  robots: { index: false },
  referrer: "no-referrer",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPasswordPage({ searchParams }: Props) {
  const token = firstParam((await searchParams).token) ?? "";
  return (
    <AuthShell
      title="Choose a new password"
      description="After the change you will be signed out on every device."
    >
      {token === "" || token.length > 512 ? (
        <div className="grid gap-5">
          <FormAlert message="This link is incomplete. Open the link from the email again, or ask for a new one." />
          <Link href="/forgot-password" className={linkClass}>
            Ask for a new reset link
          </Link>
        </div>
      ) : (
        <SetPasswordForm
          token={token}
          endpoint="/auth/reset-password"
          doneHref="/login?reset=1"
          submitLabel="Change password"
        />
      )}
    </AuthShell>
  );
}
