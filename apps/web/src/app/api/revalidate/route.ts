import { revalidatePath, revalidateTag } from "next/cache";
import { REVALIDATE_SECRET } from "@/env";
import { handleRevalidateRequest } from "./revalidate-request";

// On-demand ISR: the API's `web.revalidate` jobs call this after a publish, update, unpublish,
// trash or restore (contract: "Web revalidation endpoint"). A static segment, so it wins over the
// /api/[...path] proxy to the Folio API.

export function POST(request: Request): Promise<Response> {
  return handleRevalidateRequest(request, {
    secret: REVALIDATE_SECRET,
    revalidatePath: (path) => revalidatePath(path),
    // `expire: 0`: a published or withdrawn post must not be served stale even once (the default
    // "max" profile would serve the old answer while refreshing in the background).
    revalidateTag: (tag) => revalidateTag(tag, { expire: 0 }),
  });
}
