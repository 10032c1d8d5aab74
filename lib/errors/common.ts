/** Errors of every area: messages in messages/{en,fr}/errors.json. */
export const COMMON_ERROR_CODES = [
  "notFound", // not found or no access (R12: the two answers are one)
  "noAccess",
  "invalid",
  "signedOut",
  "conflict",
  "unexpected",
  // zod's field messages, shared by every form
  "required",
  "tooLong",
  "controlCharacters",
] as const;
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];
export const COMMON_ERROR_MESSAGES = ["errors"];
