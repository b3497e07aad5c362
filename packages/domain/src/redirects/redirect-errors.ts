import { FolioError } from "@folio/core";

/** 409 `…/redirect-exists`: a redirect from this path exists; edit that one instead. */
export class RedirectExistsError extends FolioError {
  constructor(fromPath: string) {
    super({
      slug: "redirect-exists",
      title: "Redirect Exists",
      status: 409,
      detail: `A redirect from ${fromPath} exists; edit that one instead.`,
    });
  }
}
