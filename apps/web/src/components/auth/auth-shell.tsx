import type { ReactNode } from "react";

/** The frame of every sign-in page: one narrow card with the page's only h1. */
export function AuthShell({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto w-full max-w-md px-5 py-12 sm:py-16">
      <div className="rounded-2xl border border-line bg-surface p-6 shadow-sm sm:p-8">
        <h1 className="text-3xl font-extrabold tracking-tight text-fg">{title}</h1>
        {description !== undefined && <div className="mt-2 text-muted">{description}</div>}
        <div className="mt-8">{children}</div>
      </div>
      {footer !== undefined && <div className="mt-6 text-center text-sm text-muted">{footer}</div>}
    </div>
  );
}
