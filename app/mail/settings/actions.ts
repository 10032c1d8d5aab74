"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, formCheckbox, formText, type ActionState } from "@/app/_lib/define-action";
import { currentActor } from "@/app/_lib/current-actor";
import { getDb } from "@/db/client";
import { addInboxRule, deleteInboxRule, moveInboxRule, saveAutoReply } from "@/lib/automation/settings";
import { isTimeZone, zonedToUtc } from "@/lib/automation/time-zone";
import { setReadPerPerson } from "@/lib/mailboxes/read-state-setting";
import { DomainError } from "@/lib/errors";

const mailbox = z.string().trim().min(1, "required").max(320, "tooLong");
const longText = z.string().max(5000, "tooLong").default("");
/** An optional "contains" text: empty means no condition. */
const optionalText = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  formText(200).optional(),
);
const localDateTime = z.string().trim().default("");

const autoReplySchema = z.object({
  mailbox,
  enabled: formCheckbox,
  startsAt: localDateTime,
  endsAt: localDateTime,
  timeZone: z.string().trim().max(64, "tooLong").default("UTC"),
  internalText: longText,
  externalText: longText,
});

const settingsPath = (address: string) => `/mail/settings?mailbox=${encodeURIComponent(address)}`;

/** The typed text, given back with an error so the form shows it again (React resets a form after its action). */
function keepValues(action: (prev: ActionState, data: FormData) => Promise<ActionState>) {
  return async (prev: ActionState, data: FormData): Promise<ActionState> => {
    const state = await action(prev, data);
    if (state?.ok) return state;
    const values: Record<string, string> = {};
    for (const [key, value] of data.entries())
      if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
    return { ...state, ok: false, values: { ...values, ...state?.values } };
  };
}

/** Saves a mailbox's automatic replies; the period is read in the time zone the form gives (the browser's). */
export const saveAutoReplyAction = keepValues(
  defineAction(autoReplySchema, async (input, { actor, db }) => {
    if (!isTimeZone(input.timeZone)) throw new DomainError("invalid", { timeZone: ["invalidTimeZone"] });
    const when = (field: "startsAt" | "endsAt") => {
      if (!input[field]) return null;
      const date = zonedToUtc(input[field], input.timeZone);
      if (!date) throw new DomainError("invalid", { [field]: ["invalidDate"] });
      return date;
    };
    await saveAutoReply(db, actor, {
      address: input.mailbox,
      enabled: input.enabled,
      startsAt: when("startsAt"),
      endsAt: when("endsAt"),
      timeZone: input.timeZone,
      internalText: input.internalText,
      externalText: input.externalText,
    });
    revalidatePath("/mail/settings");
    return { ok: true, message: "saved" };
  }),
);

/** A shared mailbox's read state: shared, or per person (its Full Access delegates). */
export const saveReadStateAction = defineAction(
  z.object({ mailbox, perPerson: z.enum(["0", "1"]) }),
  async (input, { actor, db }) => {
    await setReadPerPerson(db, actor, { address: input.mailbox }, input.perPerson === "1");
    revalidatePath("/mail", "layout");
    return { ok: true, message: "saved" };
  },
);

const ruleSchema = z.object({
  mailbox,
  name: formText(100),
  fromContains: optionalText,
  toContains: optionalText,
  subjectContains: optionalText,
  moveToFolderId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("ruleFolderUnknown").optional()),
  markRead: formCheckbox,
  flag: formCheckbox,
  forwardTo: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z.email("forwardAddressInvalid").max(320, "tooLong").optional(),
  ),
  stopProcessing: formCheckbox,
});

/** Adds an inbox rule at the end of the mailbox's list. */
export const addRuleAction = keepValues(
  defineAction(ruleSchema, async (input, { actor, db }) => {
    await addInboxRule(db, actor, {
      address: input.mailbox,
      name: input.name,
      fromContains: input.fromContains ?? null,
      toContains: input.toContains ?? null,
      subjectContains: input.subjectContains ?? null,
      moveToFolderId: input.moveToFolderId ?? null,
      markRead: input.markRead,
      flag: input.flag,
      forwardTo: input.forwardTo?.toLowerCase() ?? null,
      stopProcessing: input.stopProcessing,
    });
    revalidatePath("/mail/settings");
    return { ok: true, message: "added" };
  }),
);

const ruleRef = z.object({ mailbox, ruleId: z.uuid(), direction: z.enum(["up", "down"]).optional() });

/** Deletes a rule, or moves it up or down (plain forms: they work before JavaScript loads). */
export async function changeRuleAction(formData: FormData): Promise<void> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const parsed = ruleRef.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/mail/settings");
  const { mailbox: address, ruleId, direction } = parsed.data;
  try {
    if (direction) await moveInboxRule(getDb(), actor, { address, ruleId, direction });
    else await deleteInboxRule(getDb(), actor, { address, ruleId });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  revalidatePath("/mail/settings");
  redirect(settingsPath(address));
}
