import { FolioError } from "@folio/core";

/** 409 `…/slug-taken`: another tag (or category) already uses the slug. */
export class TaxonSlugTakenError extends FolioError {
  constructor(kind: "tag" | "category", slug: string) {
    super({
      slug: "slug-taken",
      title: "Slug Taken",
      status: 409,
      detail: `Another ${kind} already uses the slug ${JSON.stringify(slug)}.`,
    });
  }
}

/** 409 `…/category-has-children`: move or delete the sub-categories first. */
export class CategoryHasChildrenError extends FolioError {
  constructor(children: number) {
    super({
      slug: "category-has-children",
      title: "Category Has Sub-categories",
      status: 409,
      detail: `The category has ${children} sub-categor${children === 1 ? "y" : "ies"}; move or delete them first.`,
    });
  }
}
