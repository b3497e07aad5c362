import type { CategoriesRepository, TagsRepository } from "@folio/database";
import type { CategoryList, TagList } from "@folio/types";

export interface TaxonomyServiceDeps {
  tags: TagsRepository;
  categories: CategoriesRepository;
}

export interface TaxonomyService {
  /** Every tag by name, with its published post count. */
  listTags(): Promise<TagList>;
  /** Every category in tree order (parent, then its children by position), with post counts. */
  listCategories(): Promise<CategoryList>;
}

export function createTaxonomyService(deps: TaxonomyServiceDeps): TaxonomyService {
  return {
    async listTags() {
      const tags = await deps.tags.listWithPostCounts();
      return {
        data: tags.map((tag) => ({
          id: tag.id,
          slug: tag.slug,
          name: tag.name,
          description: tag.description,
          post_count: tag.postCount,
        })),
      };
    },
    async listCategories() {
      const categories = await deps.categories.listWithPostCounts();
      return {
        data: categories.map((category) => ({
          id: category.id,
          slug: category.slug,
          name: category.name,
          description: category.description,
          parent_id: category.parentId,
          position: category.position,
          post_count: category.postCount,
        })),
      };
    },
  };
}
