import { z } from "zod";

/**
 * One zod schema per concept of an account's identity — local part, domain name, address,
 * display name — used by the admin forms' actions, the domain and the command line alike.
 * Pure (no server-only): a form may check with the same rule. Messages are error keys
 * (admin.errors.* and errors.* in messages/, and cli/errors.ts for the command line).
 */

/** RFC 5321/5322 dot-atom: atext runs separated by single dots. */
const ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
const DOT_ATOM = new RegExp(`^[${ATEXT}]+(\\.[${ATEXT}]+)*$`);
/** C0, DEL, C1 and the Unicode line/paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** RFC 5321's limit on a local part: 64 octets (UTF-8 bytes, not UTF-16 code units). */
export const MAX_LOCAL_PART_BYTES = 64;
export const MAX_DISPLAY_NAME = 200;

const utf8Bytes = (value: string) => new TextEncoder().encode(value).length;

/** A local part: dot-atom of at most 64 octets, lower-cased. */
export const localPartSchema = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .refine((v) => utf8Bytes(v) <= MAX_LOCAL_PART_BYTES, "localPartTooLong")
  .refine((v) => DOT_ATOM.test(v), "localPartInvalid")
  .transform((v) => v.toLowerCase());

/** A DNS domain name, lower-cased: labels of letters, digits and hyphens, with a dot. */
export const domainNameSchema = z
  .string({ error: "required" })
  .trim()
  .toLowerCase()
  .max(253, "invalidDomain")
  .regex(DOMAIN, "invalidDomain");

/** A name people read (a mailbox's display name, an organisation's name): no control characters. */
export const displayNameSchema = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .max(MAX_DISPLAY_NAME, "tooLong")
  .refine((v) => !CONTROL.test(v), "controlCharacters");

/** A whole address "local@domain", lower-cased, each part by its own rule above. */
export const addressSchema = z
  .string({ error: "required" })
  .trim()
  .transform((value, ctx) => {
    const at = value.lastIndexOf("@");
    if (at <= 0 || at === value.length - 1 || /\s/.test(value)) {
      ctx.addIssue({ code: "custom", message: "invalidAddress" });
      return z.NEVER;
    }
    const local = localPartSchema.safeParse(value.slice(0, at));
    const domain = domainNameSchema.safeParse(value.slice(at + 1));
    for (const result of [local, domain])
      if (!result.success) ctx.addIssue({ code: "custom", message: result.error.issues[0]!.message });
    if (!local.success || !domain.success) return z.NEVER;
    return { address: `${local.data}@${domain.data}`, localPart: local.data, domain: domain.data };
  });
