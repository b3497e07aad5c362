import type { Metadata } from "next";
import { NewPostPage } from "@/components/editor/editor-pages";

export const metadata: Metadata = { title: "New page" };

export default function NewPageRoute() {
  return <NewPostPage type="page" />;
}
