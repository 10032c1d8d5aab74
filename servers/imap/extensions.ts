import { createRequire } from "node:module";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { getAcl, listRights, myRights } from "@/lib/imap-store/acl";
import { createImapFolder, deleteImapFolder, renameImapFolder } from "@/lib/imap-store/manage-folders";
import { quotaOfFolder, quotaOfRoot } from "@/lib/imap-store/quota";
import commonErrors from "@/messages/en/errors.json";
import mailMessages from "@/messages/en/mail.json";
import type { ImapCoreServer, ImapSession } from "./imap-core";
import { installLiteralPlus } from "./literal-plus";

/**
 * The IMAP extensions Mailroom adds to imap-core: ACL (RFC 4314: MYRIGHTS, GETACL, LISTRIGHTS as new
 * commands; SETACL and DELETEACL refused), QUOTA (RFC 9208, imap-core's GETQUOTA/GETQUOTAROOT with
 * Mailroom's hooks), CREATE/RENAME/DELETE hooks, LITERAL+. Each hook is a call to lib/imap-store,
 * which applies the access rule. A refusal is a tagged NO with its RFC 5530 code and, for the folder
 * and ACL commands, the words of messages/en/errors.json (the same texts as the webmail's errors).
 */
const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any */
type Reply = { response: "OK" | "NO" | "BAD"; code?: string | false; message?: string };
type CommandCallback = (err: unknown, reply?: Reply) => void;
type Attribute = { type: string; value: string } | undefined;
type ParsedCommand = { command: string; attributes?: Attribute[] };
type CommandHandler = {
  state?: string[];
  schema?: { name: string; type: string; optional?: boolean }[] | false;
  disableNotifications?: boolean;
  handler: (this: any, command: ParsedCommand, callback: CommandCallback) => void;
};
const { IMAPCommand } = require("@zone-eu/wildduck/imap-core/lib/imap-command.js") as {
  IMAPCommand: new (connection: object) => { append: (command: object, callback: () => void) => void };
};
const imapHandler = require("@zone-eu/wildduck/imap-core/lib/handler/imap-handler.js") as {
  compiler: (response: object) => string;
};
const imapTools = require("@zone-eu/wildduck/imap-core/lib/imap-tools.js") as {
  normalizeMailbox: (mailbox: string, utf7Encoded?: boolean) => string;
  utf7encode: (value: string) => string;
};
/* eslint-enable @typescript-eslint/no-explicit-any */

type Callback = (err: unknown, result?: unknown) => void;

/**
 * imap-core's command table (a Map private to imap-command.js). It is read once, by watching the
 * lookup its own code makes for a NOOP line: no copy of the library's files, no change on disk.
 */
let table: Map<string, CommandHandler> | undefined;
function commandTable(): Map<string, CommandHandler> {
  if (table) return table;
  const has = Map.prototype.has;
  let found: Map<string, CommandHandler> | undefined;
  Map.prototype.has = function (this: Map<unknown, unknown>, key: unknown) {
    if (key === "NOOP" && has.call(this, "LOGIN") && has.call(this, "SELECT")) found = this as typeof found;
    return has.call(this, key);
  };
  try {
    new IMAPCommand({ send() {}, _server: { options: {} } }).append({ value: "T NOOP" }, () => {});
  } finally {
    Map.prototype.has = has;
  }
  if (!found) throw new Error("imap-core: its command table was not found");
  return (table = found);
}

/** Texts of the domain's error codes for IMAP responses (the IMAP door answers in English). */
const TEXTS: Record<string, string> = {
  ...(mailMessages as { errors: Record<string, string> }).errors,
  ...(Object.fromEntries(Object.entries(commonErrors).filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >),
  ...(commonErrors as { imap: Record<string, string> }).imap,
};

/** RFC 5530 response codes for the domain's refusals. */
const RESPONSE_CODES: Record<string, string> = {
  notFound: "NONEXISTENT",
  folderNameTaken: "ALREADYEXISTS",
  folderTooDeep: "LIMIT",
  aclAdminOnly: "NOPERM",
  deleteProtected: "NOPERM",
  quotaExceeded: "OVERQUOTA",
};

export function refusal(error: DomainError): Reply {
  const code = error.fieldErrors ? (Object.values(error.fieldErrors)[0]?.[0] ?? error.code) : error.code;
  const text = (TEXTS[code] ?? TEXTS[error.code] ?? "").replace(/\{(\w+)\}/g, (_, k) =>
    String(error.values?.[k] ?? ""),
  );
  return { response: "NO", code: RESPONSE_CODES[error.code] ?? "CANNOT", message: text };
}

/** The text of the last refusal a hook gave on this session, for the tagged NO of its command. */
const NOTICE = Symbol("mailroom.notice");

function settle(session: ImapSession, callback: Callback, log: (error: unknown) => void) {
  return (error: unknown) => {
    if (error instanceof DomainError) {
      const reply = refusal(error);
      session[NOTICE] = reply.message;
      return callback(null, reply.code);
    }
    log(error);
    callback(error);
  };
}

/** A mailbox name as the client spelled it (modified UTF-7 unless UTF8=ACCEPT is enabled). */
function mailboxArgument(connection: { acceptUTF8Enabled?: boolean }, attribute: Attribute): string {
  const raw = Buffer.from(attribute?.value ?? "", "binary").toString();
  return imapTools.normalizeMailbox(raw, !connection.acceptUTF8Enabled);
}
const mailboxOut = (connection: { acceptUTF8Enabled?: boolean }, path: string) =>
  connection.acceptUTF8Enabled ? Buffer.from(path) : imapTools.utf7encode(path);
const stringArgument = (attribute: Attribute) => Buffer.from(attribute?.value ?? "", "binary").toString();

const AUTHENTICATED = ["Authenticated", "Selected"];
const mailboxSchema = [{ name: "mailbox", type: "string" }];

/** A command that calls one server hook with its mailbox and answers with untagged lines. */
function hookCommand(
  hook: string,
  extra: number,
  respond: (this: any, path: string, args: string[], result: any) => void, // eslint-disable-line
): CommandHandler {
  return {
    state: AUTHENTICATED,
    schema: [...mailboxSchema, ...Array.from({ length: extra }, (_, i) => ({ name: `arg${i}`, type: "string" }))],
    handler(command, callback) {
      const path = mailboxArgument(this, command.attributes?.[0]);
      const args = (command.attributes ?? []).slice(1).map(stringArgument);
      if (!path) return callback(null, { response: "NO", code: "NONEXISTENT", message: "No folder name given" });
      this._server[hook](path, args, this.session, (err: unknown, result: unknown) => {
        if (err) return callback(null, { response: "NO", code: "SERVERBUG", message: "Something went wrong" });
        if (typeof result === "string") {
          const message = this.session[NOTICE] ?? "";
          delete this.session[NOTICE];
          return callback(null, { response: "NO", code: result, message });
        }
        respond.call(this, path, args, result);
        callback(null, { response: "OK", message: "Completed" });
      });
    },
  };
}

const untagged = (command: string, attributes: unknown[]) => imapHandler.compiler({ tag: "*", command, attributes });
const atom = (value: string) => (value === "" ? "" : { type: "atom", value });

const ACL_COMMANDS: Record<string, CommandHandler> = {
  MYRIGHTS: hookCommand("onMyRights", 0, function (path, _args, result: { rights: string }) {
    this.send(untagged("MYRIGHTS", [mailboxOut(this, path), atom(result.rights)]));
  }),
  GETACL: hookCommand("onGetAcl", 0, function (path, _args, entries: { identifier: string; rights: string }[]) {
    const pairs = entries.flatMap((e) => [e.identifier, atom(e.rights)]);
    this.send(untagged("ACL", [mailboxOut(this, path), ...pairs]));
  }),
  LISTRIGHTS: hookCommand("onListRights", 1, function (path, args, r: { required: string; optional: string[] }) {
    this.send(untagged("LISTRIGHTS", [mailboxOut(this, path), args[0], r.required, ...r.optional.map(atom)]));
  }),
};

/** SETACL and DELETEACL: delegation is an admin decision (R3), taken in the admin area, never by a client. */
const adminOnly = (args: number): CommandHandler => ({
  state: AUTHENTICATED,
  schema: [...mailboxSchema, ...Array.from({ length: args }, (_, i) => ({ name: `arg${i}`, type: "string" }))],
  handler(_command, callback) {
    callback(null, refusal(new DomainError("aclAdminOnly")));
  },
});

/** imap-core's CREATE/RENAME/DELETE/GETQUOTA* answer a refusal with a code only: the words are added. */
function withNotice(handler: CommandHandler): CommandHandler {
  return {
    ...handler,
    handler(command, callback) {
      handler.handler.call(this, command, (err, reply) => {
        const notice = this.session?.[NOTICE];
        if (this.session) delete this.session[NOTICE];
        if (reply && reply.response === "NO" && notice) reply.message = notice;
        callback(err, reply);
      });
    },
  };
}

let registered = false;
function registerCommands() {
  if (registered) return;
  registered = true;
  const commands = commandTable();
  for (const [name, handler] of Object.entries(ACL_COMMANDS)) commands.set(name, handler);
  commands.set("SETACL", adminOnly(2));
  commands.set("DELETEACL", adminOnly(1));
  for (const name of ["CREATE", "RENAME", "DELETE", "GETQUOTA", "GETQUOTAROOT"]) {
    const handler = commands.get(name);
    if (handler) commands.set(name, withNotice(handler));
  }
  installLiteralPlus();
}

/** Capabilities these extensions add (imap-core announces QUOTA itself). */
export const EXTENSION_CAPABILITIES = ["ACL", "LITERAL+", "QUOTA=RES-STORAGE", "RIGHTS=texk"];

const actorOf = (session: ImapSession): Actor => session.user.actor;

/**
 * Installs the commands and their hooks. Call before `installHooks`, whose session guard then
 * re-checks the signed-in session before each of these hooks as before every other.
 */
export function installExtensions(server: ImapCoreServer, db: Db, log: (error: unknown) => void): void {
  registerCommands();
  const hook =
    <T>(work: (actor: Actor, path: string, args: string[]) => Promise<T>) =>
    (path: string, args: string[], session: ImapSession, callback: Callback) =>
      work(actorOf(session), path, args)
        .then((result) => callback(null, result))
        .catch(settle(session, callback, log));

  server.onMyRights = hook(async (actor, path) => ({ rights: await myRights(db, actor, path) }));
  server.onGetAcl = hook((actor, path) => getAcl(db, actor, path));
  server.onListRights = hook((actor, path, args) => listRights(db, actor, path, args[0] ?? ""));

  server.onGetQuotaRoot = (path: string, session: ImapSession, callback: Callback) =>
    quotaOfFolder(db, actorOf(session), path)
      .then((q) => callback(null, { root: q.root, storageUsed: q.usedBytes, quota: q.quotaBytes }))
      .catch(settle(session, callback, log));
  server.onGetQuota = (root: string, session: ImapSession, callback: Callback) =>
    quotaOfRoot(db, actorOf(session), root)
      .then((q) => callback(null, { root: q.root, storageUsed: q.usedBytes, quota: q.quotaBytes }))
      .catch(settle(session, callback, log));

  server.onCreate = (path: string, session: ImapSession, callback: Callback) =>
    createImapFolder(db, actorOf(session), path)
      .then(() => callback(null, true))
      .catch(settle(session, callback, log));
  server.onRename = (path: string, to: string, session: ImapSession, callback: Callback) =>
    renameImapFolder(db, actorOf(session), path, to)
      .then(() => callback(null, true))
      .catch(settle(session, callback, log));
  server.onDelete = (path: string, session: ImapSession, callback: Callback) =>
    deleteImapFolder(db, actorOf(session), path)
      .then(() => callback(null, true))
      .catch(settle(session, callback, log));
}
