/**
 * Errors of the mail-client door (IMAP): the listener answers them as response codes (TRYCREATE,
 * OVERQUOTA, CANNOT); their words, in messages/{en,fr}/errors.json under "imap", are the texts of
 * those responses.
 */
export const IMAP_ERROR_CODES = [
  "aclAdminOnly",
  "crossMailboxRename",
  "folderHasChildren",
  "quotaExceeded",
  "reservedFolderName",
  "tryCreate",
  "unsupportedSearch",
] as const;
export type ImapErrorCode = (typeof IMAP_ERROR_CODES)[number];
export const IMAP_ERROR_MESSAGES = ["errors.imap"];
