import "server-only";
import { z } from "zod";

/** A DNS domain name, lower-cased: labels of letters, digits and hyphens, with a dot. */
export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "invalidDomain");

/** RFC 5321 local part as dot-atom, at most 64 octets. */
export const localPart = z
  .string()
  .max(64, "localPartTooLong")
  .regex(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/, "invalidLocalPart");

/** A display name: required, no control characters. */
export const displayName = z
  .string()
  .trim()
  .min(1, "nameRequired")
  .max(200, "nameTooLong")
  .regex(/^[^\u0000-\u001f\u007f]*$/, "nameControlCharacters");

/** The first problem of a zod result as "field: code" lines. */
export function issuesOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "input"] ??= []).push(issue.message);
  return out;
}
