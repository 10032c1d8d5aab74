"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, formText } from "@/app/_lib/define-action";
import { createFolder, deleteFolder, moveFolder, renameFolder } from "@/lib/mailboxes/manage-folders";
import { folderPath, listQueryString } from "@/lib/mailboxes/url";
import { UUID_RE } from "@/lib/messages/ids";
import { setConversationView } from "@/lib/accounts/preferences";
import { expandConversationRows } from "@/lib/conversations/conversation-list";
import {
  deleteMessages,
  emptyFolder,
  moveMessagesToMailbox,
  restoreAcross,
  restoreMessages,
  setFlagged,
  setSeen,
  type MoveBack,
} from "@/lib/messages/manage-messages";

/**
 * The webmail's actions: plain forms that work before JavaScript loads. Each parses its input,
 * then calls lib/, which checks Full Access on the mailbox (R12) in the same transaction.
 */
const mailbox = z.string({ error: "required" }).trim().min(1, "required").max(320, "tooLong");
const uuid = z.string().regex(UUID_RE, "notFound");
const optionalText = z.string().max(400).optional();
const parent = z
  .string()
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(uuid.nullable());
const folderName = formText(100);

/** Where the list was (search and page), so an action returns the reader to it. */
const listContext = {
  folder: z.string().max(64).optional(),
  q: optionalText,
  scope: optionalText,
  after: optionalText,
  before: optionalText,
  triage: optionalText,
  show: optionalText,
  sort: optionalText,
};

const refresh = () => revalidatePath("/mail", "layout");

/** What "Undo" puts back: the folders moved or deleted messages came from (a hidden field, JSON). */
const moveBack = z.preprocess(
  (v) => {
    if (typeof v !== "string" || v === "") return undefined;
    try {
      return JSON.parse(v);
    } catch {
      return null;
    }
  },
  z
    .array(z.object({ folderId: uuid, ids: z.array(uuid).min(1).max(500) }))
    .min(1)
    .max(100)
    .optional(),
);

export const messagesAction = defineAction(
  z.object({
    mailbox,
    op: z.enum(["read", "unread", "flag", "unflag", "move", "delete", "undo"], { error: "invalid" }),
    ids: z.array(z.string()).default([]),
    target: z.string().optional(),
    /** The mailbox of `target` when it is another one (a drop onto its folder). */
    targetMailbox: z.string().trim().max(320, "tooLong").optional(),
    /** The message open in the reading pane, if any. */
    open: z.string().optional(),
    undo: moveBack,
    /** Undo of a move to another mailbox: the mailbox the messages are in now. */
    undoFrom: z.string().trim().max(320, "tooLong").optional(),
    /** The reading pane's form, with JavaScript: answer a move or delete with where to go, not a redirect. */
    answerHere: z.literal("1").optional(),
    /** The rows are conversations: an action reaches each one's messages in its folder. */
    conversations: z.literal("1").optional(),
    ...listContext,
  }),
  async (input, { actor, db }) => {
    const ref = { address: input.mailbox };
    if (input.conversations && input.op !== "undo") input.ids = await expandConversationRows(db, actor, ref, input.ids);
    let values: Record<string, number> = {};
    let undo: MoveBack | undefined;
    let undoFrom: string | undefined;
    switch (input.op) {
      case "read":
      case "unread":
        values = await setSeen(db, actor, ref, input.ids, input.op === "read");
        break;
      case "flag":
      case "unflag":
        values = await setFlagged(db, actor, ref, input.ids, input.op === "flag");
        break;
      case "move":
        if (!input.target) return { ok: false, message: "chooseFolder", fieldErrors: { target: ["chooseFolder"] } };
        {
          // A drop names the folder's mailbox; the Move menu, a folder of this one.
          const target = { address: input.targetMailbox || input.mailbox, folderId: input.target };
          const moved = await moveMessagesToMailbox(db, actor, ref, input.ids, target);
          values = { count: moved.count };
          ({ undo, undoFrom } = moved);
        }
        break;
      case "delete":
        {
          const { moved, purged, undo: back } = await deleteMessages(db, actor, ref, input.ids);
          values = { moved, purged };
          undo = back;
        }
        break;
      case "undo":
        if (!input.undo) return { ok: false, message: "noSelection" };
        values = input.undoFrom
          ? await restoreAcross(db, actor, { address: input.undoFrom }, ref, input.undo)
          : await restoreMessages(db, actor, ref, input.undo);
        break;
    }
    // The open message left the folder (moved, deleted): back to the list. Marked unread: it stays
    // open, and unread (the page is told not to mark it read again).
    const backToList = input.op === "move" || input.op === "delete";
    if (input.open && input.ids.includes(input.open) && input.folder && (backToList || input.op === "unread")) {
      const { q, scope, after, before, triage, show, sort } = input;
      const list = { q, scope, after, before, triage, show, sort };
      const path = folderPath(input.mailbox, input.folder);
      const goTo = `${path}${listQueryString(list)}`;
      // With JavaScript, the reading pane goes there itself and the list shows the answer and its Undo
      // (not refreshed here: the page of a message no longer in the folder would be rendered).
      if (backToList && input.answerHere) {
        return { ok: true, message: `done.${input.op}`, values, data: { undo, undoFrom, goTo } };
      }
      refresh();
      if (backToList) redirect(goTo);
      redirect(`${path}/${encodeURIComponent(input.open)}${listQueryString(list, { unread: "1" })}`);
    }
    refresh();
    return { ok: true, message: `done.${input.op}`, values, data: undo?.length ? { undo, undoFrom } : undefined };
  },
);

/** Shows the actor's lists by conversation, or by message (their own setting). */
export const conversationViewAction = defineAction(
  z.object({ on: z.enum(["1", "0"]) }),
  async (input, { actor, db }) => {
    await setConversationView(db, actor, input.on === "1");
    refresh();
    return { ok: true, message: input.on === "1" ? "done.conversationsOn" : "done.conversationsOff" };
  },
);

export const emptyFolderAction = defineAction(z.object({ mailbox, folderId: uuid }), async (input, { actor, db }) => {
  const result = await emptyFolder(db, actor, { address: input.mailbox }, input.folderId);
  refresh();
  return {
    ok: true,
    message: result.purged > 0 ? "done.emptiedForGood" : "done.emptied",
    values: { count: result.moved + result.purged },
  };
});

export const createFolderAction = defineAction(
  z.object({ mailbox, name: folderName, parentId: parent }),
  async (input, { actor, db }) => {
    await createFolder(db, actor, { address: input.mailbox }, { name: input.name, parentId: input.parentId });
    refresh();
    return { ok: true, message: "done.folderCreated", values: { name: input.name } };
  },
);

export const renameFolderAction = defineAction(
  z.object({ mailbox, folderId: uuid, name: folderName }),
  async (input, { actor, db }) => {
    await renameFolder(db, actor, { address: input.mailbox }, { folderId: input.folderId, name: input.name });
    refresh();
    return { ok: true, message: "done.folderRenamed", values: { name: input.name } };
  },
);

export const moveFolderAction = defineAction(
  z.object({ mailbox, folderId: uuid, parentId: parent }),
  async (input, { actor, db }) => {
    await moveFolder(db, actor, { address: input.mailbox }, { folderId: input.folderId, parentId: input.parentId });
    refresh();
    return { ok: true, message: "done.folderMoved" };
  },
);

export const deleteFolderAction = defineAction(z.object({ mailbox, folderId: uuid }), async (input, { actor, db }) => {
  await deleteFolder(db, actor, { address: input.mailbox }, { folderId: input.folderId });
  refresh();
  // The folder the reader was in is gone; its mail is in Deleted Items.
  redirect(folderPath(input.mailbox, "deleted"));
});
