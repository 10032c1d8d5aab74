import type { AdminErrorCode } from "./admin";
import type { AutomationErrorCode } from "./automation";
import type { AuthErrorCode } from "./auth";
import type { CommonErrorCode } from "./common";
import type { ComposeErrorCode } from "./compose";
import type { ImapErrorCode } from "./imap";
import type { MailErrorCode } from "./mail";
import type { SharedFolderErrorCode } from "./shared-folders";
import type { TransferErrorCode } from "./transfer";

/**
 * Errors the domain layer raises on purpose. The code is a translation key that the UI shows;
 * anything else is logged and shown as "unexpected", never with its details.
 *
 * The codes are closed: one list per area, in one file per area (./common.ts, ./admin.ts…), each
 * file naming where its messages are. Adding a code is one line in its area's list plus its
 * message in messages/en and messages/fr; tests/unit/error-codes.test.ts checks both exist.
 */
export type ErrorCode =
  | CommonErrorCode
  | AuthErrorCode
  | AdminErrorCode
  | MailErrorCode
  | ComposeErrorCode
  | SharedFolderErrorCode
  | TransferErrorCode
  | ImapErrorCode
  | AutomationErrorCode;

export type {
  AdminErrorCode,
  AutomationErrorCode,
  AuthErrorCode,
  CommonErrorCode,
  ComposeErrorCode,
  ImapErrorCode,
  MailErrorCode,
  SharedFolderErrorCode,
  TransferErrorCode,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Field-level errors, each a translation key (an error code, or a zod message key). */
    readonly fieldErrors?: Record<string, string[]>,
    readonly values?: Record<string, string | number>,
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export const notFound = () => new DomainError("notFound");
export const fieldError = (field: string, code: ErrorCode, values?: Record<string, string | number>) =>
  new DomainError(code, { [field]: [code] }, values);
