import { redirect } from "next/navigation";

// /dashboard/settings has no page of its own; the profile is the first settings page.
export default function AccountPage() {
  redirect("/dashboard/settings/profile");
}
