import { checkPasswordPolicy } from "@folio/auth";
import { ValidationError, type FieldError } from "@folio/core";

/** Field errors for a new password, or none; `pointer` names the request field. */
export function passwordProblems(password: string, userInputs: string[], pointer: string): FieldError[] {
  const result = checkPasswordPolicy(password, { userInputs });
  return result.ok ? [] : result.problems.map((p) => ({ pointer, detail: p.message }));
}

export function assertPasswordPolicy(password: string, userInputs: string[], pointer: string): void {
  const problems = passwordProblems(password, userInputs, pointer);
  if (problems.length > 0)
    throw new ValidationError(problems, "The password does not meet the password policy.");
}

/** True for a unique-index violation, however the driver wraps it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
