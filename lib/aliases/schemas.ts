import { z } from "zod";
import { domainSchema, idSchema, localPartSchema } from "@/lib/admin/schemas";

/** Admin form: give a mailbox of the organisation an extra address. */
export const addAliasSchema = z.object({
  mailboxId: idSchema,
  localPart: localPartSchema,
  domain: domainSchema,
});
export type AddAliasInput = z.infer<typeof addAliasSchema>;

/** Admin form: take an alias away from a mailbox. */
export const removeAliasSchema = z.object({ mailboxId: idSchema, aliasId: idSchema });
export type RemoveAliasInput = z.infer<typeof removeAliasSchema>;

/** Command line: a full address (`contact@example.org`). */
export const aliasAddressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^@\s]+@[^@\s]+$/, "invalidAddress")
  .transform((v) => {
    const at = v.lastIndexOf("@");
    return { localPart: v.slice(0, at), domain: v.slice(at + 1) };
  })
  .pipe(z.object({ localPart: localPartSchema, domain: domainSchema }));
