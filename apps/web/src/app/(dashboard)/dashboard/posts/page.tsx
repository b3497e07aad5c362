import type { Metadata } from "next";
import { PostsListPage } from "@/components/editor/editor-pages";

export const metadata: Metadata = { title: "Posts" };

export default function PostsPage() {
  return <PostsListPage type="post" />;
}
