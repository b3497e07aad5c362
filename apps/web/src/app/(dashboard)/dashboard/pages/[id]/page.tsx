import type { Metadata } from "next";
import { EditPostPage } from "@/components/editor/editor-pages";

export const metadata: Metadata = { title: "Edit page" };

export default async function EditPageRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditPostPage type="page" id={id} />;
}
