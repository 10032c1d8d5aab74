import "server-only";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { requireActor } from "@/app/_lib/current-actor";
import { getDb } from "@/db/client";
import type { MailActions } from "@/components/mail/mail-actions";
import { requireMailboxRight, type MailboxAccess } from "@/lib/access/mailbox-access";
import { wellKnownKind } from "@/lib/mailboxes/folder-kinds";
import { findFolder, selectFolders, type FolderSummary } from "@/lib/mailboxes/folders";
import { KEEP_UNREAD_HEADER, OPEN_MESSAGE_HEADER } from "@/lib/mailboxes/screen-route";
import { addressParam } from "@/lib/mailboxes/url";
import { openMessage } from "@/lib/messages/read-message";
import {
  conversationViewAction,
  createFolderAction,
  deleteFolderAction,
  emptyFolderAction,
  messagesAction,
  moveFolderAction,
  renameFolderAction,
} from "../actions";
import { addNoteAction, deleteNoteAction } from "../note-actions";
import { triageAction } from "../triage-actions";
import {
  addSharedFolderAction,
  loadAddableMailboxes,
  removeSharedFolderAction,
  setPaneCollapsedAction,
} from "../../shared/actions";

/**
 * The mail screen, in three route segments (lib/mailboxes/screen-route.ts): the folder pane is
 * `[folder]/layout.tsx`, the list `[folder]/[list]/layout.tsx`, the reading pane the page. On a
 * full load the three render in parallel; these loaders, cached per request, read what they share
 * once, and mark the opened message read before anything reads a count or a row.
 */

/** The mail screen's server actions, handed to its components as props (components never import app/). */
export const MAIL_ACTIONS: MailActions = {
  folders: {
    create: createFolderAction,
    rename: renameFolderAction,
    move: moveFolderAction,
    remove: deleteFolderAction,
  },
  sharedFolders: {
    add: addSharedFolderAction,
    remove: removeSharedFolderAction,
    loadAddable: loadAddableMailboxes,
    collapse: setPaneCollapsedAction,
  },
  messages: messagesAction,
  emptyFolder: emptyFolderAction,
  notes: { add: addNoteAction, remove: deleteNoteAction },
  triage: triageAction,
  conversationView: conversationViewAction,
};

export type MailSearchParams = Promise<Record<string, string | string[] | undefined>>;
export type ScreenParams = { address: string; folder: string };

/** The tab's title, from the URL alone (a user folder's name would need the access check). */
export async function mailMetadata(params: Promise<ScreenParams>): Promise<Metadata> {
  const { address, folder } = await params;
  const t = await getTranslations("mail");
  const mailbox = addressParam(address);
  const kind = wellKnownKind(folder);
  return { title: kind ? t("pageTitle", { folder: t(`folderKind.${kind}`), mailbox }) : mailbox };
}

export const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/**
 * The message of the URL, opened (access checked, in that folder) and marked read — unless just marked
 * unread (the proxy's KEEP_UNREAD_HEADER): once per request.
 */
export const openedMessage = cache(async (address: string, folder: string, messageId: string) => {
  const markRead = (await headers()).get(KEEP_UNREAD_HEADER) !== "1";
  const actor = await requireActor();
  return openMessage(getDb(), actor, { address }, messageId, {
    folder,
    markRead,
    conversation: actor.conversationView === true,
  });
});

/**
 * The mailbox's access and folders, read once per request, after the message this request opens
 * (if any) was marked read, so the counts and the rows agree with the reading pane. `at` is when
 * they were read: the client keeps the fresher of two readings (components/mail/fresh-state.ts).
 */
export const mailboxFolders = cache(
  async (address: string, folder: string): Promise<{ access: MailboxAccess; folders: FolderSummary[]; at: number }> => {
    const opening = (await headers()).get(OPEN_MESSAGE_HEADER);
    const opened = opening ? await openedMessage(address, folder, opening).catch(() => null) : null;
    const [db, actor] = [getDb(), await requireActor()];
    const access = opened?.access ?? (await requireMailboxRight(db, actor, { address }, "fullAccess"));
    const at = Date.now();
    return { access, folders: await selectFolders(db, access.mailbox, actor.id), at };
  },
);

/** The mailbox, its folders and the folder the URL names; a DomainError "notFound" otherwise. */
export async function screenFolder(address: string, segment: string) {
  const loaded = await mailboxFolders(address, segment);
  return { ...loaded, folder: findFolder(loaded.folders, segment) };
}
