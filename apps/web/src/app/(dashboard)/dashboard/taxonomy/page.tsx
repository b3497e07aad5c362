import type { Metadata } from "next";
import type { CategoryList, TagList } from "@folio/types";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { getAsUser, requirePermission } from "@/lib/session";
import { CategoriesManager } from "./_components/categories-manager.client";
import { TagsManager } from "./_components/tags-manager.client";

export const metadata: Metadata = { title: "Tags and categories" };

const PATH = "/dashboard/taxonomy";

export default async function TaxonomyPage() {
  const user = await requirePermission("taxonomy:manage", PATH);
  const [tags, categories] = await Promise.all([
    getAsUser<TagList>("/admin/tags", PATH),
    getAsUser<CategoryList>("/admin/categories", PATH),
  ]);
  return (
    <DashboardShell
      user={user}
      current={PATH}
      title="Tags and categories"
      description="Renaming a slug keeps the old archive address working with a permanent redirect; merging a tag moves its posts to another."
    >
      <div className="grid gap-12">
        <CategoriesManager initial={categories} />
        <TagsManager initial={tags} />
      </div>
    </DashboardShell>
  );
}
