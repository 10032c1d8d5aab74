/** Add / remove shared folder errors: messages in messages/{en,fr}/shared.json. */
export const SHARED_FOLDER_ERROR_CODES = ["ambiguous", "ownMailbox"] as const;
export type SharedFolderErrorCode = (typeof SHARED_FOLDER_ERROR_CODES)[number];
export const SHARED_FOLDER_ERROR_MESSAGES = ["shared"];
