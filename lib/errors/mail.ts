/** Folder and message errors of the mail screen: messages in messages/{en,fr}/mail.json under "errors". */
export const MAIL_ERROR_CODES = [
  "chooseFolder",
  "conversationsSharedOnly",
  "deleteProtected",
  "folderCycle",
  "folderNameTaken",
  "folderTooDeep",
  "moveOutProtected",
  "noSelection",
  "notADelegate",
  "noteEmpty",
  "noteTooLong",
  "notesSharedOnly",
  "tooManySelected",
  "wellKnownFolder",
] as const;
export type MailErrorCode = (typeof MAIL_ERROR_CODES)[number];
export const MAIL_ERROR_MESSAGES = ["mail.errors"];
