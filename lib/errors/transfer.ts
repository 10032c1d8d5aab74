/**
 * Import, export and setup errors (the command line): messages in messages/{en,fr}/errors.json
 * under "transfer". The command line words them with its own details (cli/errors.ts).
 */
export const TRANSFER_ERROR_CODES = [
  "domainTaken",
  "invalidFolder",
  "invalidOutput",
  "missingInput",
  "restoreNotABackup",
  "restoreNotEmpty",
  "restoreTruncated",
  "restoreVersion",
  "unknownAlias",
  "unknownFolder",
  "unknownMailbox",
  "unknownOrganization",
  "wrongFormat",
] as const;
export type TransferErrorCode = (typeof TRANSFER_ERROR_CODES)[number];
export const TRANSFER_ERROR_MESSAGES = ["errors.transfer"];
