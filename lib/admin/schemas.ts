import { z } from "zod";
import { GIB } from "@/db/schema";
import { displayNameSchema, localPartSchema } from "@/lib/accounts/account-fields";

/**
 * Field rules of the admin forms, shared by the actions (which parse FormData with them) and the
 * domain functions' callers. Every message is a translation key under "admin.errors" or "errors".
 */

// Local part and display name: the one rule of each, shared with the domain and the command line.
export { displayNameSchema, localPartSchema } from "@/lib/accounts/account-fields";

export const MAX_QUOTA_GB = 100_000;

export const domainSchema = z.string({ error: "required" }).trim().min(1, "required").max(253, "tooLong");

/** A size typed in GB (binary, as mail clients count), "1.5" or "1,5"; becomes bytes. */
export const gbSchema = z.union([z.string(), z.number()], { error: "required" }).transform((v, ctx) => {
  const text = String(v).trim().replace(",", ".");
  if (text === "") {
    ctx.addIssue({ code: "custom", message: "required" });
    return z.NEVER;
  }
  const gb = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(gb)) {
    ctx.addIssue({ code: "custom", message: "quotaInvalid" });
    return z.NEVER;
  }
  const bytes = Math.round(gb * GIB);
  if (bytes <= 0) {
    ctx.addIssue({ code: "custom", message: "quotaPositive" });
    return z.NEVER;
  }
  if (gb > MAX_QUOTA_GB) {
    ctx.addIssue({ code: "custom", message: "quotaTooLarge" });
    return z.NEVER;
  }
  return bytes;
});

export const checkboxSchema = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const idSchema = z.uuid({ error: "notFound" });

/** Form fields are named as the user sees them ("quota", in GB); the domain gets bytes. */
export const quotaToBytes = <T extends { quota: number }>({ quota, ...rest }: T) => ({ ...rest, quotaBytes: quota });

export const newSharedMailboxFields = z.object({
  localPart: localPartSchema,
  domain: domainSchema,
  displayName: displayNameSchema,
  quota: gbSchema,
  hidden: checkboxSchema,
});
export const newSharedMailboxSchema = newSharedMailboxFields.transform(quotaToBytes);
export type NewSharedMailboxInput = z.infer<typeof newSharedMailboxSchema>;

export const updateSharedMailboxSchema = z
  .object({
    id: idSchema,
    displayName: displayNameSchema,
    quota: gbSchema,
    hidden: checkboxSchema,
    saveSentCopy: checkboxSchema,
    deleteProtection: checkboxSchema,
    readPerPerson: checkboxSchema,
  })
  .transform(quotaToBytes);
export type UpdateSharedMailboxInput = z.infer<typeof updateSharedMailboxSchema>;

export const passwordSchema = z.string({ error: "required" }).min(1, "required").max(1024, "passwordTooLong");

/** The two password fields must match; checked even when other fields have errors. */
const passwordsMatch = {
  path: ["passwordConfirm"],
  message: "passwordMismatch",
  when: (payload: { value: unknown }) => typeof (payload.value as { password?: unknown } | null)?.password === "string",
};

export const newUserSchema = z
  .object({
    localPart: localPartSchema,
    domain: domainSchema,
    displayName: displayNameSchema,
    password: passwordSchema,
    passwordConfirm: z.string().optional().default(""),
    quota: gbSchema,
    admin: checkboxSchema,
  })
  .refine((v) => v.password === v.passwordConfirm, passwordsMatch)
  .transform(quotaToBytes);
export type NewUserInput = z.infer<typeof newUserSchema>;

export const resetPasswordSchema = z
  .object({ id: idSchema, password: passwordSchema, passwordConfirm: z.string().optional().default("") })
  .refine((v) => v.password === v.passwordConfirm, passwordsMatch);

export const poolRuleSchema = z
  .object({
    rule: z.enum(["fixed", "per_user"], { error: "required" }),
    size: gbSchema,
  })
  .transform(({ rule, size }) => ({ rule, poolBytes: size }));
export type PoolRuleInput = z.infer<typeof poolRuleSchema>;

const idList = z
  .array(z.uuid({ error: "invalid" }))
  .max(10_000, "tooLong")
  .default([]);

/** The delegation grid: every listed delegate, and the ids ticked in each column. */
export const delegationGridSchema = z.object({
  mailboxId: idSchema,
  delegates: idList,
  fullAccess: idList,
  sendAs: idList,
  sendOnBehalf: idList,
  automap: idList,
});
export type DelegationGridInput = z.infer<typeof delegationGridSchema>;
