/**
 * Errors the domain layer raises on purpose. The code is a translation key under "errors" that
 * the UI shows; anything else is logged and shown as "unexpected", never with its details.
 */
export type ErrorCode =
  | "notFound" // not found or no access (R12: the two answers are one)
  | "noAccess"
  | "invalid"
  | "addressTaken"
  | "poolExceeded"
  | "quotaBelowUsed"
  | "quotaExceeded"
  | "sendBlockedQuota"
  | "unknownDomain"
  | "throttled"
  | "conflict"
  | "unexpected"
  | (string & {});

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Field-level errors, each a translation key under "errors". */
    readonly fieldErrors?: Record<string, string[]>,
    readonly values?: Record<string, string | number>,
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export const notFound = () => new DomainError("notFound");
export const fieldError = (field: string, code: string, values?: Record<string, string | number>) =>
  new DomainError(code, { [field]: [code] }, values);
