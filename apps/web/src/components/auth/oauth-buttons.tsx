import type { OAuthProvider } from "@/lib/auth-client";
import { secondaryButton } from "./styles";

/**
 * Sign-in buttons for the configured social / single sign-on providers. Plain links: the API's
 * start endpoint (through the site's /api proxy) sets the state cookie and redirects to the provider.
 */
export function OAuthButtons({ providers, next }: { providers: readonly OAuthProvider[]; next: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="mt-8">
      <div className="flex items-center gap-3 text-sm text-muted">
        <span className="h-px flex-1 bg-line" aria-hidden="true" />
        <span>or continue with</span>
        <span className="h-px flex-1 bg-line" aria-hidden="true" />
      </div>
      <ul className="mt-5 grid gap-3">
        {providers.map((provider) => (
          <li key={provider.id}>
            <a
              href={`/api/v1/auth/oauth/${encodeURIComponent(provider.id)}/start?redirect_to=${encodeURIComponent(next)}`}
              className={`${secondaryButton} w-full`}
            >
              {provider.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
