import "server-only";
import type { z } from "zod";

// The field rules themselves (local part, domain name, address, display name) are the ones the
// admin forms use: lib/accounts/account-fields.ts.
export { addressSchema, displayNameSchema, domainNameSchema, localPartSchema } from "@/lib/accounts/account-fields";

/** The first problem of a zod result as "field: code" lines. */
export function issuesOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "input"] ??= []).push(issue.message);
  return out;
}
