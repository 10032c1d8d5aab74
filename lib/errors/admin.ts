/** The admin area's errors: messages in messages/{en,fr}/admin.json under "errors" (or "outbound.errors"). */
export const ADMIN_ERROR_CODES = [
  "addressTaken",
  "cannotDeleteSelf",
  "cannotSuspendSelf",
  "confirmRequired",
  "delegationsChanged",
  "invalidDelegate",
  "localPartInvalid",
  "localPartTooLong",
  "passwordMismatch",
  "passwordTooLong",
  "passwordTooShort",
  "passwordTooSimple",
  "poolBelowAllocated",
  "poolExceeded",
  "poolWouldShrink",
  "quotaBelowUsed",
  "quotaInvalid",
  "quotaPositive",
  "queueEntryGone",
  "quotaTooLarge",
  "unknownDomain",
] as const;
export type AdminErrorCode = (typeof ADMIN_ERROR_CODES)[number];
export const ADMIN_ERROR_MESSAGES = ["admin.errors", "admin.outbound.errors"];
