import type { Metadata } from "next";
import { EditPostPage } from "@/components/editor/editor-pages";

export const metadata: Metadata = { title: "Edit post" };

export default async function EditPostRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditPostPage type="post" id={id} />;
}
