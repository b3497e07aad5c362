import type { Metadata } from "next";
import Link from "next/link";
import { redirect, unstable_rethrow } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { RegisterForm } from "@/components/auth/register-form.client";
import { linkClass } from "@/components/auth/styles";
import { getSession } from "@/lib/session";

export const metadata: Metadata = { title: "Create an account", robots: { index: false } };

async function isSignedIn(): Promise<boolean> {
  try {
    return (await getSession()) !== null;
  } catch (error) {
    unstable_rethrow(error);
    return false;
  }
}

export default async function RegisterPage() {
  if (await isSignedIn()) redirect("/dashboard");
  return (
    <AuthShell
      title="Create an account"
      description="Join the conversation: comment on stories and follow the writers you like."
      footer={
        <>
          Already have an account?{" "}
          <Link href="/login" className={linkClass}>
            Sign in
          </Link>
        </>
      }
    >
      <RegisterForm />
    </AuthShell>
  );
}
