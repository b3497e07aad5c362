// Class names shared by the sign-in pages and the dashboard. The site's colour tokens (globals.css)
// have no error/success/warning colours, so those use light-dark(): it follows the `color-scheme`
// each theme sets on <html>, including an explicit reader choice. Every pair meets WCAG AA on
// both the page and the surface background.

export const dangerText = "text-[color:light-dark(#b42318,#ffb4ab)]";
export const dangerBorder = "border-[color:light-dark(#b42318,#ffb4ab)]";
export const dangerBg = "bg-[color:light-dark(#fef3f2,#2c1513)]";
export const successText = "text-[color:light-dark(#05603a,#75e0a7)]";
export const successBg = "bg-[color:light-dark(#ecfdf3,#0f2419)]";
export const successBorder = "border-[color:light-dark(#067647,#47cd89)]";
export const warningBg = "bg-[color:light-dark(#fffaeb,#2b2111)]";
export const warningBorder = "border-[color:light-dark(#b54708,#fdb022)]";

export const labelClass = "block text-sm font-semibold text-fg";
export const hintClass = "mt-1 text-sm text-muted";
export const inputClass =
  "mt-1.5 block w-full rounded-lg border border-line bg-bg px-3.5 py-2.5 text-base text-fg placeholder:text-muted hover:border-muted focus-visible:outline-offset-1 " +
  "aria-[invalid=true]:border-[color:light-dark(#b42318,#ffb4ab)] disabled:opacity-70";

const buttonBase =
  "inline-flex items-center justify-center gap-2 rounded-full px-5 py-2.5 text-sm font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-60";
export const primaryButton = `${buttonBase} bg-accent text-accent-fg hover:bg-accent-hover`;
export const secondaryButton = `${buttonBase} border border-line text-fg hover:border-accent hover:text-accent`;
// Written out in full: Tailwind finds class names by scanning the source text.
export const dangerButton = `${buttonBase} border border-[color:light-dark(#b42318,#ffb4ab)] text-[color:light-dark(#b42318,#ffb4ab)] hover:bg-[color:light-dark(#fef3f2,#2c1513)]`;
export const linkClass = "font-medium text-accent underline-offset-4 hover:underline";

export const cardClass = "rounded-2xl border border-line bg-surface p-6 sm:p-8";
export const panelClass = "rounded-2xl border border-line bg-bg p-5 sm:p-6";
