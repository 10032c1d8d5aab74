import { ADMIN_ERROR_CODES, ADMIN_ERROR_MESSAGES } from "./admin";
import { AUTOMATION_ERROR_CODES, AUTOMATION_ERROR_MESSAGES } from "./automation";
import { AUTH_ERROR_CODES, AUTH_ERROR_MESSAGES } from "./auth";
import { COMMON_ERROR_CODES, COMMON_ERROR_MESSAGES } from "./common";
import { COMPOSE_ERROR_CODES, COMPOSE_ERROR_MESSAGES } from "./compose";
import { IMAP_ERROR_CODES, IMAP_ERROR_MESSAGES } from "./imap";
import { MAIL_ERROR_CODES, MAIL_ERROR_MESSAGES } from "./mail";
import { SHARED_FOLDER_ERROR_CODES, SHARED_FOLDER_ERROR_MESSAGES } from "./shared-folders";
import { TRANSFER_ERROR_CODES, TRANSFER_ERROR_MESSAGES } from "./transfer";

/** Each area's codes and the message paths (namespace.section) where their words are. */
export const ERROR_AREAS: { area: string; codes: readonly string[]; messages: string[] }[] = [
  { area: "common", codes: COMMON_ERROR_CODES, messages: COMMON_ERROR_MESSAGES },
  { area: "auth", codes: AUTH_ERROR_CODES, messages: AUTH_ERROR_MESSAGES },
  { area: "admin", codes: ADMIN_ERROR_CODES, messages: ADMIN_ERROR_MESSAGES },
  { area: "mail", codes: MAIL_ERROR_CODES, messages: MAIL_ERROR_MESSAGES },
  { area: "compose", codes: COMPOSE_ERROR_CODES, messages: COMPOSE_ERROR_MESSAGES },
  { area: "sharedFolders", codes: SHARED_FOLDER_ERROR_CODES, messages: SHARED_FOLDER_ERROR_MESSAGES },
  { area: "transfer", codes: TRANSFER_ERROR_CODES, messages: TRANSFER_ERROR_MESSAGES },
  { area: "imap", codes: IMAP_ERROR_CODES, messages: IMAP_ERROR_MESSAGES },
  { area: "automation", codes: AUTOMATION_ERROR_CODES, messages: AUTOMATION_ERROR_MESSAGES },
];
