import type { BrowserContext, Page } from "playwright-core";

// What "inert" means for a page that shows XSS payloads (tests/fixtures/xss-payloads.ts):
// nothing set window.__xss in any frame, no dialog opened, and the DOM holds no live carrier of a
// payload: no <script> whose text has the marker unless it is pure data (JSON-LD that parses, or
// a Next.js flight chunk `self.__next_f.push(<JSON>)`), no `on*` attribute with the marker, no
// javascript:/vbscript:/data:text/html URL in a URL attribute, no srcdoc or meta refresh with it.

export interface XssTrap {
  /** Dialogs (alert/confirm/prompt/beforeunload) that opened, with their message. */
  readonly dialogs: string[];
}

/** Arms a context: every page records (and dismisses) dialogs; alert & co. also set a flag. */
export async function armXssTrap(context: BrowserContext): Promise<XssTrap> {
  const trap: XssTrap = { dialogs: [] };
  await context.addInitScript(() => {
    for (const name of ["alert", "confirm", "prompt", "print"] as const) {
      const original = window[name].bind(window) as (...args: unknown[]) => unknown;
      Object.defineProperty(window, name, {
        configurable: false,
        value: (...args: unknown[]) => {
          (window as unknown as { __xssDialog?: string }).__xssDialog =
            `${name}(${args.map(String).join(",")})`;
          return original(...args);
        },
      });
    }
  });
  context.on("page", (page) => {
    page.on("dialog", (dialog) => {
      trap.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
  });
  return trap;
}

/** Everything on the page (all frames) that shows a payload is live; empty when the page is inert. */
export async function xssFindings(page: Page, marker: string): Promise<string[]> {
  const findings: string[] = [];
  for (const frame of page.frames()) {
    let result: string[];
    try {
      result = await frame.evaluate(inspectDocument, marker);
    } catch {
      continue; // a frame that navigated away or is detached while we looked
    }
    const where = frame === page.mainFrame() ? "" : ` (frame ${frame.url()})`;
    findings.push(...result.map((finding) => `${finding}${where}`));
  }
  return findings;
}

// Runs in the page (serialised by Playwright): keep it self-contained.
function inspectDocument(marker: string): string[] {
  const found: string[] = [];
  const w = window as unknown as { __xss?: unknown; __xssDialog?: string };
  if (w.__xss !== undefined) found.push(`window.__xss was set to ${JSON.stringify(w.__xss)}`);
  if (w.__xssDialog !== undefined) found.push(`a dialog was opened: ${w.__xssDialog}`);

  const isJson = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  for (const script of Array.from(document.querySelectorAll("script"))) {
    const text = script.textContent ?? "";
    if (!text.includes(marker)) continue;
    const type = (script.getAttribute("type") ?? "").trim().toLowerCase();
    if (type === "application/ld+json" && isJson(text)) continue;
    const flight = /^\s*self\.__next_f\.push\(([\s\S]*)\)\s*;?\s*$/.exec(text);
    if (flight !== null && isJson(flight[1] ?? "")) continue;
    found.push(`<script type="${type}"> holds a payload: ${text.slice(0, 160)}`);
  }

  const urlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "background", "poster"];
  const dangerousUrl = /^(?:javascript|vbscript):|^data:text\/html/i;
  for (const element of Array.from(document.querySelectorAll("*"))) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value;
      if (name.startsWith("on") && value.includes(marker)) {
        found.push(`<${element.localName} ${name}="${value.slice(0, 120)}">`);
      } else if (urlAttributes.includes(name)) {
        // What the browser would navigate to: control characters and whitespace are stripped.
        // eslint-disable-next-line no-control-regex
        const squeezed = value.replace(/[\u0000-\u0020]/g, "");
        if (dangerousUrl.test(squeezed))
          found.push(`<${element.localName} ${name}="${value.slice(0, 120)}"> has a script URL`);
      } else if (name === "srcdoc" && value.includes(marker)) {
        found.push(`<${element.localName} srcdoc> holds a payload`);
      } else if (name === "style" && /expression\(|url\(\s*['"]?\s*javascript:/i.test(value)) {
        found.push(`<${element.localName} style="${value.slice(0, 120)}">`);
      }
    }
    if (element.localName === "meta" && /refresh/i.test(element.getAttribute("http-equiv") ?? "")) {
      const content = element.getAttribute("content") ?? "";
      if (content.includes(marker) || /url\s*=\s*['"]?\s*(?:javascript|vbscript|data):/i.test(content))
        found.push(`<meta http-equiv=refresh content="${content.slice(0, 120)}">`);
    }
  }
  return found;
}
