import { initials } from "@/lib/format";

const SIZES = { sm: "size-8 text-xs", md: "size-12 text-base", lg: "size-24 text-3xl" } as const;

/**
 * An author's picture, or their initials on a tinted disc when they have none. Always shown next
 * to the author's name, so it is decorative (empty alt) rather than read out twice.
 */
export function Avatar({
  name,
  url,
  size = "sm",
}: {
  name: string;
  url: string | null;
  size?: keyof typeof SIZES;
}) {
  const box = `${SIZES[size]} shrink-0 rounded-full`;
  if (url !== null && url !== "") {
    return <img src={url} alt="" className={`${box} object-cover`} loading="lazy" decoding="async" />;
  }
  return (
    <span
      aria-hidden="true"
      className={`${box} inline-flex items-center justify-center bg-accent font-semibold text-accent-fg`}
    >
      {initials(name)}
    </span>
  );
}
