import "server-only";
import { getTableColumns } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import * as schema from "@/db/schema";

/**
 * What a backup holds, in the order a restore inserts it (parents before children; the restore runs
 * with triggers and foreign-key checks off, so derived rows — counters, read-state deltas — come back
 * as they were, not counted twice). Every table of the schema is here or in NOT_BACKED_UP
 * (tests/integration/backup.test.ts checks it).
 */
export const BACKUP_TABLES: [string, PgTable][] = [
  ["organizations", schema.organizations],
  ["domains", schema.domains],
  ["dkim_keys", schema.dkimKeys],
  ["accounts", schema.accounts],
  ["aliases", schema.aliases],
  ["folders", schema.folders],
  ["message_contents", schema.messageContents],
  ["messages", schema.messages],
  ["delegations", schema.delegations],
  ["shared_folder_links", schema.sharedFolderLinks],
  ["pane_collapsed", schema.paneCollapsed],
  ["folder_collapsed", schema.folderCollapsed],
  ["signatures", schema.signatures],
  ["auto_replies", schema.autoReplies],
  ["auto_reply_log", schema.autoReplyLog],
  ["inbox_rules", schema.inboxRules],
  ["automation_jobs", schema.automationJobs],
  ["message_reads", schema.messageReads],
  ["folder_reader_unread", schema.folderReaderUnread],
  ["message_notes", schema.messageNotes],
  ["conversation_states", schema.conversationStates],
  ["conversation_replies", schema.conversationReplies],
  ["outbound_messages", schema.outboundMessages],
  ["outbound_recipients", schema.outboundRecipients],
  // Open reservations are part of accounts.used_bytes: kept, so the stale sweep gives them back.
  ["quota_reservations", schema.quotaReservations],
  ["audit_events", schema.auditEvents],
  ["sessions", schema.sessions],
];

/** Tables a backup leaves out, and why: what they hold is of the hour, not data. */
export const NOT_BACKED_UP: Record<string, string> = {
  sign_in_throttle: "sign-in counters of the current window",
  reply_presence: "reply forms open in browsers right now",
};

/** The primary key's columns (with their property names), for reading a table in keyset batches. */
export function primaryKeyOf(table: PgTable): { key: string; column: PgColumn }[] {
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const single = columns.filter(([, c]) => c.primary);
  if (single.length) return single.map(([key, column]) => ({ key, column }));
  const composite = getTableConfig(table).primaryKeys[0];
  if (!composite) throw new Error(`table ${getTableConfig(table).name} has no primary key`);
  return composite.columns.map((column) => ({
    key: columns.find(([, c]) => c.name === column.name)![0],
    column,
  }));
}

/** Values as JSON: bytes in base64 and instants in ISO 8601, marked so that they come back typed. */
export function encodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (Buffer.isBuffer(value) || value instanceof Uint8Array)
      out[key] = { $b64: Buffer.from(value).toString("base64") };
    else if (value instanceof Date) out[key] = { $date: value.toISOString() };
    else out[key] = value;
  }
  return out;
}

export function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value && typeof value === "object" && "$b64" in value) out[key] = Buffer.from(String(value.$b64), "base64");
    else if (value && typeof value === "object" && "$date" in value) out[key] = new Date(String(value.$date));
    else out[key] = value;
  }
  return out;
}
