import { CommanderError } from "commander";
import { DataDirInUseError } from "@/db/data-dir-lock";
import { DomainError } from "@/lib/errors";

/** Exit codes of the command line (also listed in its --help). */
export const EXIT = { ok: 0, unexpected: 1, badInput: 2, dataDirInUse: 3, quotaStop: 4, someFailed: 5 } as const;

/** An error the command line reports as one line with its own exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.badInput,
  ) {
    super(message);
  }
}

const FIELD: Record<string, string> = {
  passwordTooShort: "the password needs at least 10 characters",
  passwordTooLong: "the password is longer than 256 characters",
  passwordTooSimple: "the password needs at least two kinds of characters (lower case, upper case, digits, symbols)",
  invalidDomain: "not a valid domain name",
  domainRequired: "give at least one --domain",
  domainRepeated: "a domain is given twice",
  domainTaken: "already used by an organisation",
  required: "required",
  tooLong: "too long",
  controlCharacters: "no control characters allowed",
  invalidAddress: "not an address (local@domain)",
  localPartInvalid: "not a valid local part (letters, digits and !#$%&'*+/=?^_`{|}~- between dots)",
  localPartTooLong: "the local part is longer than 64 bytes",
  unknownDomain: "not a domain of the organisation",
  addressTaken: "already exists",
  thresholdsOrder: "need warn ≤ send block ≤ receive block",
  poolPositive: "must be more than 0",
  quotaPositive: "must be more than 0",
};

function domainMessage(error: DomainError): string {
  const v = (error.values ?? {}) as Record<string, string>;
  switch (error.code) {
    case "unknownMailbox":
      return `no mailbox ${v.address}`;
    case "unknownFolder":
      return (
        `no folder "${v.folder}" in ${v.address} (name a kind — inbox, drafts, sent, deleted, junk, archive ` +
        `— or a path such as "Inbox/Projects"; --create-folder creates it)`
      );
    case "unknownAlias":
      return `no alias ${v.address}`;
    case "unknownOrganization":
      return `no organisation with id or domain ${v.organization}`;
    case "missingInput":
      return `${v.path}: no such file or directory`;
    case "wrongFormat":
    case "invalidOutput":
    case "invalidFolder":
      return v.detail ?? error.code;
    case "domainTaken":
      return `domain ${v.domain} already belongs to an organisation`;
    case "unknownDomain":
      return `${v.domain} is not a domain of this organisation (its domains: ${v.domains})`;
    case "addressTaken":
      return `${v.address} already exists`;
    case "restoreNotEmpty":
      return "the database is not empty: restore into a new, empty database";
    case "restoreNotABackup":
      return "this file is not a Mailroom backup";
    case "restoreTruncated":
      return "the backup file is incomplete (it has no end line); nothing was restored";
    case "restoreVersion":
      return `the backup was made at migration ${v.backup} and this installation is at ${v.here}: use the same version`;
    default: {
      const fields = Object.entries(error.fieldErrors ?? {}).map(
        ([field, codes]) => `${field}: ${codes.map((c) => FIELD[c] ?? c).join(", ")}`,
      );
      return fields.length ? fields.join("; ") : error.code;
    }
  }
}

/** One line and an exit code for anything a command throws. */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof DataDirInUseError)
    return {
      message:
        `the database directory ${error.dataDir} is in use by another Mailroom process (PID ` +
        `${error.pid}): stop it first (for example the running server), or use DATABASE_URL`,
      exitCode: EXIT.dataDirInUse,
    };
  if (error instanceof DomainError) return { message: domainMessage(error), exitCode: EXIT.badInput };
  if (error instanceof CommanderError)
    return { message: error.message.replace(/^error: /, ""), exitCode: EXIT.badInput };
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND")
    return { message: `cannot reach the database named by DATABASE_URL (${code})`, exitCode: EXIT.unexpected };
  return { message: `unexpected error: ${(error as Error)?.message ?? String(error)}`, exitCode: EXIT.unexpected };
}
