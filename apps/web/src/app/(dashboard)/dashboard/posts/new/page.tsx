import type { Metadata } from "next";
import { NewPostPage } from "@/components/editor/editor-pages";

export const metadata: Metadata = { title: "New post" };

export default function NewPostRoute() {
  return <NewPostPage type="post" />;
}
