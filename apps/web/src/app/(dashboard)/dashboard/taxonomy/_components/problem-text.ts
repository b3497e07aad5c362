import { isApiProblem } from "@/lib/auth-client";

/** A sentence for an error toast from the API's problem details (field errors first). */
export function problemText(error: unknown, fallback = "That did not work. Please try again."): string {
  if (!isApiProblem(error)) return fallback;
  const fields = Object.entries(error.fieldErrors);
  if (fields.length > 0)
    return fields.map(([field, detail]) => `${field.replaceAll("_", " ")}: ${detail}`).join("; ");
  return error.detail ?? error.title;
}
