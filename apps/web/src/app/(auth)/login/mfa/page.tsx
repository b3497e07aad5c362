import type { Metadata } from "next";
import { AuthShell } from "@/components/auth/auth-shell";
import { MfaChallengeForm } from "@/components/auth/mfa-challenge.client";
import { safeNextPath } from "@/lib/auth-client";
import { firstParam } from "@/lib/format";

export const metadata: Metadata = { title: "Two-step verification", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MfaChallengePage({ searchParams }: Props) {
  const params = await searchParams;
  const challenge = firstParam(params.challenge) ?? null;
  return (
    <AuthShell
      title="Two-step verification"
      description="Your password was right. Confirm it is you with your second factor."
    >
      <MfaChallengeForm
        urlChallenge={challenge !== null && challenge.length <= 512 ? challenge : null}
        next={safeNextPath(firstParam(params.next))}
      />
    </AuthShell>
  );
}
