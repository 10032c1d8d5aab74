import type { FormAction, PlainFormAction } from "@/components/form-action";
import type { Suggestion } from "./shared/AddSharedFolderForm";

/** What the Add shared folder dialog needs: its form's action and its suggestions. */
export type SharedFolderActions = {
  add: FormAction;
  remove: FormAction;
  loadAddable: () => Promise<Suggestion[]>;
  /** Collapse or expand a mailbox in the person's pane (a plain form). */
  collapse: PlainFormAction;
};

/** The folder tools' four forms. */
export type FolderActions = { create: FormAction; rename: FormAction; move: FormAction; remove: FormAction };

/** The mail screen's server actions, handed down by its route (app/mail/[address]/[folder]). */
export type MailActions = {
  folders: FolderActions;
  sharedFolders: SharedFolderActions;
  /** Move, delete, flag, mark read: one action for the list toolbar and the reading pane. */
  messages: FormAction;
  emptyFolder: FormAction;
  /** A shared mailbox's internal notes. */
  notes: { add: FormAction; remove: FormAction };
  /** Assign and resolve a shared mailbox's conversation. */
  triage: FormAction;
  /** The person's list setting: conversations or messages. */
  conversationView: FormAction;
};
