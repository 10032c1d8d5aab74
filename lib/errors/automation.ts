/** Automatic replies and inbox rules: messages in messages/{en,fr}/automation.json under "errors". */
export const AUTOMATION_ERROR_CODES = [
  "invalidDate",
  "invalidTimeZone",
  "periodOrder",
  "replyTextNeeded",
  "ruleNeedsCondition",
  "ruleNeedsAction",
  "ruleFolderUnknown",
  "forwardAddressInvalid",
  "forwardNeedsSendAs",
  "tooManyRules",
] as const;
export type AutomationErrorCode = (typeof AUTOMATION_ERROR_CODES)[number];
export const AUTOMATION_ERROR_MESSAGES = ["automation.errors"];
