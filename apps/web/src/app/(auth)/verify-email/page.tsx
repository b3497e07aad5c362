import type { Metadata } from "next";
import { AuthShell } from "@/components/auth/auth-shell";
import { FormAlert } from "@/components/auth/form-controls";
import { ResendVerificationForm } from "@/components/auth/resend-verification-form.client";
import { TokenAction } from "@/components/auth/token-action.client";
import { firstParam } from "@/lib/format";

export const metadata: Metadata = {
  title: "Verify your email address",
  robots: { index: false },
  // The token is in this page's URL: never send it on to another site.
  referrer: "no-referrer",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function VerifyEmailPage({ searchParams }: Props) {
  const token = firstParam((await searchParams).token) ?? "";
  const resend = (
    <div className="border-t border-line pt-5">
      <h2 className="mb-3 text-lg font-bold text-fg">Need a new link?</h2>
      <ResendVerificationForm />
    </div>
  );
  return (
    <AuthShell title="Verify your email address">
      {token === "" || token.length > 512 ? (
        <div className="grid gap-5">
          <FormAlert message="This link is incomplete. Open the link from the email again, or ask for a new one." />
          {resend}
        </div>
      ) : (
        <TokenAction
          token={token}
          endpoint="/auth/verify-email"
          workingText="Checking your link…"
          doneText="Your email address is verified. You can sign in now."
          doneLink={{ href: "/login", label: "Sign in" }}
          failedExtra={resend}
        />
      )}
    </AuthShell>
  );
}
