import type { ReactNode } from "react";

/** The heading block at the top of a listing page (tag, category, author). */
export function PageIntro({
  eyebrow,
  title,
  children,
}: {
  eyebrow: string;
  title: string;
  children?: ReactNode;
}) {
  return (
    <div className="border-b border-line pb-10">
      <p className="text-sm font-semibold uppercase tracking-wider text-muted">{eyebrow}</p>
      <h1 className="mt-2 text-4xl font-extrabold tracking-tight text-fg sm:text-5xl">{title}</h1>
      {children}
    </div>
  );
}
