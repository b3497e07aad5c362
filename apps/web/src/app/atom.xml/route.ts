import { feedResponse } from "@/lib/feeds";

/** The site's Atom 1.0 feed: the latest 20 posts. */
export function GET(): Promise<Response> {
  return feedResponse("atom");
}
