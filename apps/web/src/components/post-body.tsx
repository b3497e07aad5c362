/**
 * A post's rendered body. `html` is the API's rendering of the editor document, already passed
 * through its allow-list sanitiser (decision 0007); nothing else may be rendered this way.
 * Embeds are `<iframe>`s from the two allowed video hosts (see frame-src in next.config.ts).
 */
export function PostBody({ html, className = "" }: { html: string; className?: string }) {
  return (
    <div
      className={`prose mx-auto max-w-[42rem] [&_iframe]:aspect-video [&_iframe]:h-auto [&_iframe]:w-full [&_iframe]:rounded-lg [&_iframe]:border-0 ${className}`}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
