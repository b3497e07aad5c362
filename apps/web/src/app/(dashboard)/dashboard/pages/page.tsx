import type { Metadata } from "next";
import { PostsListPage } from "@/components/editor/editor-pages";

export const metadata: Metadata = { title: "Pages" };

export default function PagesPage() {
  return <PostsListPage type="page" />;
}
