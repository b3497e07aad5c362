import { notFound, redirect } from "next/navigation";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { PUBLIC_URL } from "@/env";
import { hasPermission } from "@/lib/auth-client";
import type { PostType, StaffPost } from "@/lib/posts-client";
import { getAsUser, requirePermission } from "@/lib/session";
import { PostEditor } from "./post-editor.client";
import { PostsList } from "./posts-list.client";

// The server halves of /dashboard/posts… and /dashboard/pages…: the session and permission
// check, the first fetch, and the shell. Posts need `posts:create` (contributors and up), pages
// `pages:manage`; the API checks every call again.

const PERMISSION: Record<PostType, string> = { post: "posts:create", page: "pages:manage" };
const BASE: Record<PostType, string> = { post: "/dashboard/posts", page: "/dashboard/pages" };

export async function PostsListPage({ type }: { type: PostType }) {
  const user = await requirePermission(PERMISSION[type], BASE[type]);
  const editsAny = hasPermission(user, "posts:edit:any");
  return (
    <DashboardShell
      user={user}
      current={BASE[type]}
      title={type === "page" ? "Pages" : "Posts"}
      description={
        type === "page"
          ? "Standalone pages such as About or Contact."
          : editsAny
            ? "Everything written on this site, by status."
            : "The posts you write or co-author."
      }
    >
      <PostsList
        type={type}
        canCreate={hasPermission(user, PERMISSION[type])}
        canPurge={hasPermission(user, "posts:delete:any")}
        canFilterAuthors={editsAny}
      />
    </DashboardShell>
  );
}

export async function NewPostPage({ type }: { type: PostType }) {
  const path = `${BASE[type]}/new`;
  const user = await requirePermission(PERMISSION[type], path);
  return (
    <DashboardShell user={user} current={BASE[type]} title={type === "page" ? "New page" : "New post"}>
      <PostEditor
        type={type}
        initial={null}
        currentUser={{ id: user.id, name: user.display_name }}
        canChooseAuthors={hasPermission(user, "posts:edit:any") && hasPermission(user, "users:read")}
        siteUrl={PUBLIC_URL}
      />
    </DashboardShell>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function EditPostPage({ type, id }: { type: PostType; id: string }) {
  if (!UUID.test(id)) notFound();
  const path = `${BASE[type]}/${id}`;
  const user = await requirePermission(PERMISSION[type], path);
  const post = await getAsUser<StaffPost>(`/admin/posts/${encodeURIComponent(id)}`, path);
  if (post.type !== type) redirect(`${BASE[post.type]}/${post.id}`);
  return (
    <DashboardShell user={user} current={BASE[type]} title={type === "page" ? "Edit page" : "Edit post"}>
      <PostEditor
        key={post.id}
        type={type}
        initial={post}
        currentUser={{ id: user.id, name: user.display_name }}
        canChooseAuthors={hasPermission(user, "posts:edit:any") && hasPermission(user, "users:read")}
        siteUrl={PUBLIC_URL}
      />
    </DashboardShell>
  );
}
