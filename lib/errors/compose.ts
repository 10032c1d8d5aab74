/**
 * Compose and send errors: messages in messages/{en,fr}/compose.json, under "messages" (the
 * form's summary) or "fieldErrors" (next to a field).
 */
export const COMPOSE_ERROR_CODES = [
  "attachmentsTooLarge",
  "draftNoRoom",
  "invalidAddress",
  "outboundTooLarge",
  "recipientRequired",
  "repliedMeanwhile",
  "sendBlockedQuota",
  "sendForbidden",
  "sendLimitReached",
  "sentCopyNoRoom",
  "tooManyRecipients",
] as const;
export type ComposeErrorCode = (typeof COMPOSE_ERROR_CODES)[number];
export const COMPOSE_ERROR_MESSAGES = ["compose.messages", "compose.fieldErrors"];
