/** Sign-in errors: messages in messages/{en,fr}/auth.json. */
export const AUTH_ERROR_CODES = ["invalidCredentials", "throttled"] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];
export const AUTH_ERROR_MESSAGES = ["auth"];
