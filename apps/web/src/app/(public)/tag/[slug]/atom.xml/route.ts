import { feedResponse } from "@/lib/feeds";

/** The Atom 1.0 feed of one tag: its latest 20 posts (404 when the tag does not exist). */
export async function GET(
  _request: Request,
  context: { params: Promise<{ slug: string }> },
): Promise<Response> {
  const { slug } = await context.params;
  return await feedResponse("atom", { tag: slug });
}
