"use client";

import { useId } from "react";
import { hintClass, inputClass, labelClass } from "@/components/auth/styles";
import type { PostFields, SeoKey } from "./post-fields";
import { SEO_DESCRIPTION_LIMIT, SEO_TITLE_LIMIT, snippetUrl, truncateForSnippet } from "./seo";

// SEO fields with length counters and a live search-result preview. Empty fields fall back to
// the post's own title and excerpt, as the site does when it renders the page head.

function Counter({ id, length, limit }: { id: string; length: number; limit: number }) {
  const over = length > limit;
  return (
    <p id={id} className={`${hintClass} ${over ? "font-semibold text-fg" : ""}`}>
      {length} / {limit} characters{over ? " — search engines will cut it" : ""}
    </p>
  );
}

export function SeoPanel({
  fields,
  siteUrl,
  disabled,
  onChange,
}: {
  fields: PostFields;
  siteUrl: string;
  disabled: boolean;
  onChange: (key: SeoKey, value: string) => void;
}) {
  const id = useId();
  const seo = fields.seo;
  const title = seo.meta_title.trim() !== "" ? seo.meta_title : fields.title;
  const description = seo.meta_description.trim() !== "" ? seo.meta_description : fields.excerpt;

  const text = (key: SeoKey, label: string, opts: { limit?: number; type?: "url"; area?: boolean } = {}) => {
    const inputId = `${id}-${key}`;
    const counterId = `${inputId}-count`;
    const common = {
      id: inputId,
      value: seo[key],
      onChange: (e: { target: { value: string } }) => onChange(key, e.target.value),
      "aria-describedby": opts.limit !== undefined ? counterId : undefined,
      className: inputClass,
    };
    return (
      <div>
        <label htmlFor={inputId} className={labelClass}>
          {label}
        </label>
        {opts.area === true ? (
          <textarea {...common} rows={3} maxLength={1000} />
        ) : (
          <input {...common} type={opts.type ?? "text"} maxLength={opts.type === "url" ? 2048 : 300} />
        )}
        {opts.limit !== undefined && <Counter id={counterId} length={seo[key].length} limit={opts.limit} />}
      </div>
    );
  };

  return (
    <fieldset disabled={disabled} className="grid gap-5">
      <legend className="sr-only">Search and social</legend>
      <section aria-labelledby={`${id}-preview`} className="rounded-xl border border-line bg-surface p-4">
        <h3 id={`${id}-preview`} className="text-xs font-semibold uppercase tracking-wider text-muted">
          Search result preview
        </h3>
        <div className="mt-2">
          <p className="truncate text-sm text-muted">{snippetUrl(siteUrl, fields.slug)}</p>
          <p className="text-lg leading-snug text-[color:light-dark(#1a0dab,#8ab4f8)]">
            {truncateForSnippet(title === "" ? "Untitled" : title, SEO_TITLE_LIMIT)}
          </p>
          <p className="text-sm text-fg">
            {description.trim() === ""
              ? "Add a meta description or an excerpt: search engines show it under the title."
              : truncateForSnippet(description, SEO_DESCRIPTION_LIMIT)}
          </p>
        </div>
      </section>
      {text("meta_title", "Meta title", { limit: SEO_TITLE_LIMIT })}
      {text("meta_description", "Meta description", { limit: SEO_DESCRIPTION_LIMIT, area: true })}
      {text("canonical_url", "Canonical URL", { type: "url" })}
      <p className={hintClass}>Leave the canonical URL empty unless this post first appeared elsewhere.</p>
      <h3 className="text-sm font-semibold text-fg">Open Graph (Facebook, LinkedIn, …)</h3>
      {text("og_title", "Open Graph title")}
      {text("og_description", "Open Graph description", { area: true })}
      {text("og_image_url", "Open Graph image URL", { type: "url" })}
      <h3 className="text-sm font-semibold text-fg">X (Twitter)</h3>
      {text("twitter_title", "X title")}
      {text("twitter_description", "X description", { area: true })}
      {text("twitter_image_url", "X image URL", { type: "url" })}
    </fieldset>
  );
}
