import type { Metadata } from "next";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/dashboard/query-provider.client";

// Presentation only: every page under (dashboard) checks the session itself (lib/session.ts),
// since a layout is not re-rendered on every navigation and so cannot guard its pages.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
