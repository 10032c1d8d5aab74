import { sql } from "drizzle-orm";
import { FOLDER_KINDS } from "../lib/mailboxes/folder-kinds";
import { ACCENTED, UNACCENTED } from "../lib/messages/list-sort-names";
import {
  bigint,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * The whole Mailroom data model (DESIGN.md "Domain").
 *
 * Every row carries its organisation id. Tables that grow with mail (folders, messages,
 * message_contents, audit_events) lead their primary key and unique indexes with it, so they can
 * be distributed by organisation later; the small tables can become reference tables.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** The letters a sender's sort key unaccents (lib/messages/list-sort-names.ts), as SQL literals. */
const [accented, unaccented] = [ACCENTED, UNACCENTED].map((letters) => sql.raw(`'${letters}'`));
const bytes = (name: string) => bigint(name, { mode: "number" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const GIB = 1024 ** 3;

export type Mailbox = { name: string; address: string };

// ─── Organisations ──────────────────────────────────────────────────────────────────────────────

export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** "fixed": the pool is poolBytes; "per_user": poolBytes for each user mailbox. */
    poolRule: text("pool_rule", { enum: ["fixed", "per_user"] })
      .notNull()
      .default("fixed"),
    poolBytes: bytes("pool_bytes")
      .notNull()
      .default(10 * GIB),
    warnPercent: integer("warn_percent").notNull().default(90),
    sendBlockPercent: integer("send_block_percent").notNull().default(95),
    receiveBlockPercent: integer("receive_block_percent").notNull().default(100),
    /** Recipients outside the installation each mailbox may send to per hour (R15 limits). */
    sendLimitPerHour: integer("send_limit_per_hour").notNull().default(500),
    createdAt: createdAt(),
  },
  (t) => [
    check("organizations_pool_positive", sql`${t.poolBytes} > 0`),
    check(
      "organizations_thresholds",
      sql`0 < ${t.warnPercent} and ${t.warnPercent} <= ${t.sendBlockPercent} and ${t.sendBlockPercent} <=
        ${t.receiveBlockPercent} and ${t.receiveBlockPercent} <= 100`,
    ),
  ],
);

export const domains = pgTable(
  "domains",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("domains_name_unique").on(sql`lower(${t.name})`), index("domains_org").on(t.orgId)],
);

// ─── Accounts (user and shared mailboxes) ──────────────────────────────────────────────────────

export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** Stored lower-case; unique across the installation, case-insensitively. */
    address: text("address").notNull(),
    displayName: text("display_name").notNull(),
    kind: text("kind", { enum: ["standard", "shared"] }).notNull(),
    role: text("role", { enum: ["user", "admin"] })
      .notNull()
      .default("user"),
    passwordHash: text("password_hash"),
    state: text("state", { enum: ["active", "suspended"] })
      .notNull()
      .default("active"),
    quotaBytes: bytes("quota_bytes").notNull(),
    usedBytes: bytes("used_bytes").notNull().default(0),
    hiddenFromDirectory: boolean("hidden_from_directory").notNull().default(false),
    /** R6: keep a copy of mail sent as / on behalf of this mailbox in its own Sent Items. */
    saveSentCopy: boolean("save_sent_copy").notNull().default(true),
    /**
     * Shared mailboxes: its delegates' deletes go to Deleted Items only; deleting for good (there,
     * emptying it, IMAP EXPUNGE) is the admin's (issue 18).
     */
    deleteProtection: boolean("delete_protection").notNull().default(false),
    /**
     * Shared mailboxes: each Full Access delegate has their own read and unread state (message_reads),
     * instead of one for everyone (issue 18).
     */
    readPerPerson: boolean("read_per_person").notNull().default(false),
    /** The person's list shows conversations (one row per conversation) rather than messages. */
    conversationView: boolean("conversation_view").notNull().default(true),
    /** When the 90 % warning message was last sent, so it is sent once per crossing. */
    quotaWarnedAt: timestamp("quota_warned_at", { withTimezone: true }),
    /** Sessions signed in before this instant are no longer accepted (set by a password reset). */
    sessionsRevokedAt: timestamp("sessions_revoked_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accounts_address_unique").on(sql`lower(${t.address})`),
    index("accounts_org_kind").on(t.orgId, t.kind, t.address),
    check("accounts_shared_no_password", sql`${t.kind} <> 'shared' or ${t.passwordHash} is null`),
    check("accounts_shared_not_admin", sql`${t.kind} = 'standard' or ${t.role} = 'user'`),
    check("accounts_quota_positive", sql`${t.quotaBytes} > 0`),
    check("accounts_used_within_quota", sql`${t.usedBytes} >= 0 and ${t.usedBytes} <= ${t.quotaBytes}`),
    check("accounts_address_lower", sql`${t.address} = lower(${t.address})`),
  ],
);

/**
 * Bytes taken from a mailbox's quota ahead of the transaction that stores them (R10): the charge is
 * one short statement of its own, so concurrent senders do not hold the account row until their
 * commit. The storing transaction deletes its reservations (the charge becomes final with it); a
 * failed one gives them back; one left by a stopped process is given back after a while.
 * used_bytes = the stored messages' bytes + the reservations' bytes, always.
 */
export const quotaReservations = pgTable(
  "quota_reservations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    bytes: bytes("bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("quota_reservations_created").on(t.createdAt)],
);

// ─── Aliases ────────────────────────────────────────────────────────────────────────────────────

/**
 * Extra addresses of a mailbox (`contact@` → `support@`). An alias is unique like an address:
 * across aliases by this index, and across accounts by the trigger of the address-uniqueness
 * migration, which checks both tables under one advisory lock per address.
 */
export const aliases = pgTable(
  "aliases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** Stored lower-case. */
    address: text("address").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("aliases_address_unique").on(sql`lower(${t.address})`),
    index("aliases_account").on(t.accountId),
    check("aliases_address_lower", sql`${t.address} = lower(${t.address})`),
  ],
);

// ─── Folders ────────────────────────────────────────────────────────────────────────────────────

// The kinds are a pure constant in lib/mailboxes/folder-kinds.ts (components use them with no database).
export { FOLDER_KINDS, type FolderKind, type WellKnownFolder } from "../lib/mailboxes/folder-kinds";

export const folders = pgTable(
  "folders",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id"),
    kind: text("kind", { enum: [...FOLDER_KINDS, "user"] }).notNull(),
    name: text("name").notNull(),
    /** Maintained by triggers on messages (see the counters migration); never counted at read time. */
    totalCount: integer("total_count").notNull().default(0),
    unreadCount: integer("unread_count").notNull().default(0),
    /** IMAP: the folder's UIDVALIDITY, and the UID its next message gets (taken by a trigger on messages). */
    uidValidity: integer("uid_validity")
      .notNull()
      .default(sql`(extract(epoch from now()))::integer`),
    uidNext: integer("uid_next").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("folders_well_known_unique")
      .on(t.orgId, t.accountId, t.kind)
      .where(sql`${t.kind} <> 'user'`),
    uniqueIndex("folders_name_unique").on(
      t.orgId,
      t.accountId,
      sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`lower(${t.name})`,
    ),
    index("folders_account").on(t.accountId),
    foreignKey({ columns: [t.orgId, t.parentId], foreignColumns: [t.orgId, t.id], name: "folders_parent_fk" }).onDelete(
      "cascade",
    ),
  ],
);

// ─── Messages ───────────────────────────────────────────────────────────────────────────────────

/** The raw RFC 5322 message, stored once however many mailboxes of the organisation hold a copy. */
export const messageContents = pgTable(
  "message_contents",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    raw: bytea("raw").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** Hex SHA-256 of raw, to recognise a message already imported. */
    sha256: text("sha256").notNull(),
    /**
     * IMAP ENVELOPE and BODYSTRUCTURE, computed once from raw (lib/imap-store/summary.ts) so that a
     * client's first sync reads no content. Null for mail stored before they existed until
     * `mailroom imap-backfill` fills them; FETCH then computes them from the raw message.
     */
    imapEnvelope: jsonb("imap_envelope"),
    imapBodystructure: jsonb("imap_bodystructure"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("message_contents_imap_pending_idx")
      .on(t.orgId, t.id)
      .where(sql`imap_envelope is null`),
  ],
);

/** One copy of a message in one folder of one mailbox: what listing needs, never the body. */
export const messages = pgTable(
  "messages",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    folderId: uuid("folder_id").notNull(),
    contentId: uuid("content_id").notNull(),
    messageIdHeader: text("message_id_header"),
    fromAddress: text("from_address").notNull().default(""),
    fromName: text("from_name").notNull().default(""),
    senderAddress: text("sender_address"),
    senderName: text("sender_name"),
    toList: jsonb("to_list").$type<Mailbox[]>().notNull().default([]),
    ccList: jsonb("cc_list").$type<Mailbox[]>().notNull().default([]),
    bccList: jsonb("bcc_list").$type<Mailbox[]>().notNull().default([]),
    subject: text("subject").notNull().default(""),
    snippet: text("snippet").notNull().default(""),
    sizeBytes: integer("size_bytes").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** Milliseconds, as JavaScript dates hold them: a keyset cursor taken from a row is exact. */
    receivedAt: timestamp("received_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    seen: boolean("seen").notNull().default(false),
    flagged: boolean("flagged").notNull().default(false),
    answered: boolean("answered").notNull().default(false),
    hasAttachments: boolean("has_attachments").notNull().default(false),
    isDraft: boolean("is_draft").notNull().default(false),
    /** IMAP: UID in its folder, set by a trigger on insert and on every move (strictly increasing). */
    uid: integer("uid").notNull().default(0),
    /** IMAP \Deleted: marked for EXPUNGE. */
    deleted: boolean("deleted").notNull().default(false),
    /** IMAP keywords ($Forwarded, $Junk, user keywords). */
    keywords: text("keywords")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * Conversations: the Message-IDs this message answers (In-Reply-To first, then References from
     * the nearest), the subject without reply and forward prefixes (`mail_subject_key`), and the
     * conversation it joins, set on insert by a trigger (migration 0020): the conversation of the
     * newest message of the same mailbox it answers, else of the newest with the same subject key
     * within 30 days, else a new one.
     */
    threadRefs: text("thread_refs")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    subjectKey: text("subject_key").notNull().default(""),
    threadId: uuid("thread_id")
      .notNull()
      .default(sql`gen_random_uuid()`),
    /** subject, from, to, cc and body text, for search ('simple' configuration: French and English). */
    searchVector: tsvector("search_vector"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // Keyset listing of a folder, newest first. NULLS FIRST is what `order by … desc` means: with
    // drizzle's default (NULLS LAST) the planner cannot read the index in order and sorts the
    // whole folder instead (measured: 128 ms for a 10 k-message Inbox).
    index("messages_folder_listing").on(
      t.orgId,
      t.folderId,
      t.receivedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // Listing and search across one mailbox, newest first.
    index("messages_account_listing").on(
      t.orgId,
      t.accountId,
      t.receivedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // The list's Unread and Flagged filters: a folder's few unread or flagged messages, newest first,
    // without reading its other rows.
    index("messages_folder_unread")
      .on(t.orgId, t.folderId, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`not ${t.seen}`),
    index("messages_folder_flagged")
      .on(t.orgId, t.folderId, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.flagged}`),
    // The list sorted by sender (A to Z, the expression of senderKey in lib/messages/list-messages.ts)
    // and by size (largest first), newest first within one key: a page of either is an index range.
    index("messages_folder_from").on(
      t.orgId,
      t.folderId,
      sql`translate(lower(coalesce(nullif(${t.fromName}, ''), ${t.fromAddress})), ${accented}, ${unaccented})`,
      t.receivedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("messages_folder_size").on(
      t.orgId,
      t.folderId,
      t.sizeBytes.desc().nullsFirst(),
      t.receivedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("messages_content").on(t.orgId, t.contentId),
    uniqueIndex("messages_folder_uid").on(t.orgId, t.folderId, t.uid),
    index("messages_message_id").on(t.orgId, t.accountId, t.messageIdHeader),
    // A conversation's messages, newest first; the subject fallback of the thread trigger.
    index("messages_thread").on(t.orgId, t.accountId, t.threadId, t.receivedAt.desc().nullsFirst()),
    index("messages_subject_key")
      .on(t.orgId, t.accountId, t.subjectKey, t.receivedAt.desc().nullsFirst())
      .where(sql`${t.subjectKey} <> ''`),
    // Search within one mailbox (and one of its folders): btree_gin (migration 0011) puts the
    // mailbox and the folder in the same GIN index as the words, so a rare word's matches are read
    // for that mailbox only, whatever the size of the others.
    index("messages_search").using("gin", t.accountId, t.folderId, t.searchVector),
    check("messages_size_positive", sql`${t.sizeBytes} >= 0`),
    foreignKey({
      columns: [t.orgId, t.folderId],
      foreignColumns: [folders.orgId, folders.id],
      name: "messages_folder_fk",
    }),
    foreignKey({
      columns: [t.orgId, t.contentId],
      foreignColumns: [messageContents.orgId, messageContents.id],
      name: "messages_content_fk",
    }),
  ],
);

// ─── Delegation ─────────────────────────────────────────────────────────────────────────────────

export const delegations = pgTable(
  "delegations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    delegateId: uuid("delegate_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    fullAccess: boolean("full_access").notNull().default(false),
    sendAs: boolean("send_as").notNull().default(false),
    sendOnBehalf: boolean("send_on_behalf").notNull().default(false),
    automap: boolean("automap").notNull().default(true),
    grantedBy: uuid("granted_by").references(() => accounts.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("delegations_pair_unique").on(t.orgId, t.mailboxId, t.delegateId),
    index("delegations_delegate").on(t.delegateId),
    check("delegations_not_self", sql`${t.mailboxId} <> ${t.delegateId}`),
    check("delegations_some_right", sql`${t.fullAccess} or ${t.sendAs} or ${t.sendOnBehalf}`),
  ],
);

/**
 * A mailbox's signature, added under messages sent from it (its own when sending as a shared
 * mailbox). Set by whoever has Full Access to the mailbox: its owner, or a shared mailbox's
 * delegates. Plain text, at most 2,000 characters; the HTML alternative is made from it.
 */
export const signatures = pgTable(
  "signatures",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .primaryKey()
      .references(() => accounts.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    updatedBy: uuid("updated_by").references(() => accounts.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("signatures_text_length", sql`char_length(${t.text}) <= 2000`)],
);

/**
 * Internal notes (issue 18): what a shared mailbox's Full Access delegates write to each other about
 * a message, shown with its whole conversation (`thread_id`, copied from the message). Never part of
 * a message: not in its MIME, exports, IMAP or mail sent. Gone with the message they were written on.
 */
export const messageNotes = pgTable(
  "message_notes",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").notNull(),
    threadId: uuid("thread_id").notNull(),
    authorId: uuid("author_id").references(() => accounts.id, { onDelete: "set null" }),
    /** Kept as text too: the note outlives its author's account. */
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("message_notes_thread").on(t.orgId, t.accountId, t.threadId, t.createdAt),
    index("message_notes_message").on(t.orgId, t.messageId),
    check("message_notes_body_length", sql`char_length(${t.body}) between 1 and 4000`),
    foreignKey({
      columns: [t.orgId, t.messageId],
      foreignColumns: [messages.orgId, messages.id],
      name: "message_notes_message_fk",
    }).onDelete("cascade"),
  ],
);

/**
 * A mailbox one person keeps collapsed in their folder pane (their own or one of their tree): its
 * name shows, its folders do not. A row per collapsed mailbox; expanding deletes it.
 */
export const paneCollapsed = pgTable(
  "pane_collapsed",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.mailboxId] }),
    // the cascade when a mailbox is deleted
    index("pane_collapsed_mailbox").on(t.mailboxId),
  ],
);

/**
 * A folder one person keeps collapsed in their folder pane (its subfolders hidden), in their own
 * mailbox or one they may open; gone with the folder.
 */
export const folderCollapsed = pgTable(
  "folder_collapsed",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    folderId: uuid("folder_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.folderId] }),
    foreignKey({
      columns: [t.orgId, t.folderId],
      foreignColumns: [folders.orgId, folders.id],
      name: "folder_collapsed_folder_fk",
    }).onDelete("cascade"),
    // the cascade when a folder is deleted
    index("folder_collapsed_folder").on(t.orgId, t.folderId),
  ],
);

/** A mailbox shown in one user's folder tree (Add shared folder, or automapping). */
export const sharedFolderLinks = pgTable(
  "shared_folder_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    source: text("source", { enum: ["manual", "automap"] }).notNull(),
    /** The user removed it from their tree: automapping must not bring it back until they add it. */
    removed: boolean("removed").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("shared_folder_links_unique").on(t.orgId, t.accountId, t.mailboxId),
    index("shared_folder_links_mailbox").on(t.mailboxId),
  ],
);

// ─── Audit ──────────────────────────────────────────────────────────────────────────────────────

export const auditEvents = pgTable(
  "audit_events",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorAddress: text("actor_address").notNull(),
    /** The mailbox acted on (kept as text too: the trail outlives a deleted mailbox). */
    mailboxId: uuid("mailbox_id"),
    mailboxAddress: text("mailbox_address"),
    action: text("action").notNull(),
    /** The session that acted, for "once per session" events. */
    sessionId: text("session_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // NULLS FIRST, as `order by … desc` (see messages_folder_listing).
    index("audit_events_org_at").on(t.orgId, t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("audit_events_mailbox_at").on(t.orgId, t.mailboxId, t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("audit_events_session").on(t.orgId, t.sessionId, t.mailboxId, t.action),
    // The admin audit page's filters (by mailbox address — the trail outlives the mailbox —,
    // by actor, by action), each paged newest first.
    index("audit_events_mailbox_address_at").on(t.orgId, t.mailboxAddress, t.at.desc(), t.id.desc()),
    index("audit_events_actor_at").on(t.orgId, t.actorAddress, t.at.desc(), t.id.desc()),
    index("audit_events_action_at").on(t.orgId, t.action, t.at.desc(), t.id.desc()),
  ],
);

// ─── Sign-in throttling ─────────────────────────────────────────────────────────────────────────

/**
 * Failed sign-ins, counted per key ("account:<address>" or "ip:<address>") over a sliding hour.
 * Not tied to an organisation: an attempt may name an address that does not exist.
 */
/**
 * Sign-in attempts per key ("pair:<address>|<client>", "client:<client>", "address:<address>") in a
 * fixed window: one INSERT … ON CONFLICT counts an attempt and returns the counts (lib/auth/throttle.ts).
 */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    key: text("key").primaryKey(),
    hits: integer("hits").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_throttle_window").on(t.windowStart)],
);

/**
 * Signed-in sessions, checked on every request with the actor (lib/auth/actor.ts). A session ends at
 * sign-out, when revoked (by its owner, an admin, a password reset, a suspension) or at expires_at,
 * fixed at sign-in whatever the renewals of its cookie.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("sessions_account").on(t.accountId, t.createdAt), index("sessions_expires").on(t.expiresAt)],
);

// ─── Outbound queue (R15) ───────────────────────────────────────────────────────────────────────

/**
 * One message on its way out of the installation: its bytes as sent (signed at delivery), the
 * envelope sender (the mailbox sent from) and who gets reports. Written in the transaction that
 * stores the Sent copy; `contentId` ties it to that copy for the per-recipient states.
 */
export const outboundMessages = pgTable(
  "outbound_messages",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    /** The mailbox sent from: envelope sender, limits, reports. */
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    mailFrom: text("mail_from").notNull(),
    contentId: uuid("content_id").notNull(),
    messageIdHeader: text("message_id_header"),
    subject: text("subject").notNull().default(""),
    raw: bytea("raw").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("outbound_messages_content").on(t.orgId, t.contentId),
    index("outbound_messages_account_at").on(t.orgId, t.accountId, t.createdAt),
    // A delivery report coming back names the message by its Message-ID (lib/outbound/late-bounce.ts).
    index("outbound_messages_message_id").on(t.orgId, t.accountId, t.messageIdHeader),
  ],
);

export const OUTBOUND_STATES = ["queued", "deferred", "delivered", "failed", "cancelled"] as const;
export type OutboundState = (typeof OUTBOUND_STATES)[number];

/**
 * One recipient of an outbound message, the unit of delivery. A worker claims due rows with
 * `FOR UPDATE SKIP LOCKED` and holds them by a lease (`claimedUntil`): several workers never take
 * the same row, and a killed worker's rows come back when its lease runs out. The retry schedule
 * lives here (`nextAttemptAt`), never in a process's memory.
 */
export const outboundRecipients = pgTable(
  "outbound_recipients",
  {
    orgId: uuid("org_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    messageId: uuid("message_id").notNull(),
    address: text("address").notNull(),
    domain: text("domain").notNull(),
    state: text("state", { enum: OUTBOUND_STATES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    claimedUntil: timestamp("claimed_until", { withTimezone: true, precision: 3 }),
    claimedBy: text("claimed_by"),
    /** The far end's last reply (or the connection error), shown on the Sent copy and in reports. */
    lastReply: text("last_reply"),
    /** The server that gave it. */
    remoteMta: text("remote_mta"),
    delayNoticeSent: boolean("delay_notice_sent").notNull().default(false),
    /** When the message was queued (its transaction's time, as the message's createdAt). */
    queuedAt: timestamp("queued_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("outbound_recipients_message").on(t.orgId, t.messageId),
    // What the workers poll: due rows of the pending states only.
    index("outbound_recipients_due")
      .on(t.nextAttemptAt)
      .where(sql`${t.state} in ('queued', 'deferred')`),
    index("outbound_recipients_state").on(t.orgId, t.state, t.nextAttemptAt),
    // The admin's queue pages: one state, newest first, keyset on (queuedAt, id).
    index("outbound_recipients_state_queued").on(t.orgId, t.state, t.queuedAt.desc(), t.id.desc()),
    foreignKey({
      columns: [t.orgId, t.messageId],
      foreignColumns: [outboundMessages.orgId, outboundMessages.id],
      name: "outbound_recipients_message_fk",
    }).onDelete("cascade"),
  ],
);

/** A DKIM key per mail domain (R15): every outbound message from the domain is signed with it. */
export const dkimKeys = pgTable(
  "dkim_keys",
  {
    domain: text("domain").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    selector: text("selector").notNull(),
    privateKeyPem: text("private_key_pem").notNull(),
    /** The public key, base64 DER (SPKI): the p= of the DNS record. */
    publicKey: text("public_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("dkim_keys_domain_lower", sql`${t.domain} = lower(${t.domain})`)],
);

export type OutboundMessage = typeof outboundMessages.$inferSelect;
export type OutboundRecipient = typeof outboundRecipients.$inferSelect;
export type DkimKey = typeof dkimKeys.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type Folder = typeof folders.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type Delegation = typeof delegations.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type Alias = typeof aliases.$inferSelect;
export type Session = typeof sessions.$inferSelect;

// ─── Automatic replies and inbox rules (applied at delivery) ────────────────────────────────────

/**
 * A mailbox's automatic replies (out of office): on/off, an optional period, the text sent to
 * senders of the organisation's domains and the one sent to everyone else. One row per mailbox.
 */
export const autoReplies = pgTable(
  "auto_replies",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    enabled: boolean("enabled").notNull().default(false),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    /** The IANA zone the period was entered in, to show it back as it was typed. */
    timeZone: text("time_zone").notNull().default("UTC"),
    internalText: text("internal_text").notNull().default(""),
    externalText: text("external_text").notNull().default(""),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId] }),
    check("auto_replies_period", sql`${t.startsAt} is null or ${t.endsAt} is null or ${t.startsAt} < ${t.endsAt}`),
  ],
);

/** Who a mailbox's automatic reply answered and when: at most one reply per sender per 4 days (RFC 3834). */
export const autoReplyLog = pgTable(
  "auto_reply_log",
  {
    orgId: uuid("org_id").notNull(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** The sender answered, lower-case. */
    sender: text("sender").notNull(),
    repliedAt: timestamp("replied_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId, t.sender] }),
    index("auto_reply_log_replied").on(t.orgId, t.accountId, t.repliedAt),
  ],
);

/**
 * One inbox rule of a mailbox, applied in `position` order to each message delivered to its Inbox:
 * every condition given must match (case-insensitive "contains"); the actions run; `stopProcessing`
 * ends the list. A forward is sent as the mailbox, so its author must still have Send As when it fires.
 */
export const inboxRules = pgTable(
  "inbox_rules",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    fromContains: text("from_contains"),
    toContains: text("to_contains"),
    subjectContains: text("subject_contains"),
    moveToFolderId: uuid("move_to_folder_id"),
    markRead: boolean("mark_read").notNull().default(false),
    flag: boolean("flag").notNull().default(false),
    forwardTo: text("forward_to"),
    stopProcessing: boolean("stop_processing").notNull().default(false),
    /** The rule's author: a forward fires only while they may send as the mailbox. */
    createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("inbox_rules_account").on(t.orgId, t.accountId, t.position),
    foreignKey({
      columns: [t.orgId, t.moveToFolderId],
      foreignColumns: [folders.orgId, folders.id],
      name: "inbox_rules_folder_fk",
    }).onDelete("cascade"),
    check(
      "inbox_rules_some_condition",
      sql`${t.fromContains} is not null or ${t.toContains} is not null or ${t.subjectContains} is not null`,
    ),
    check(
      "inbox_rules_some_action",
      sql`${t.moveToFolderId} is not null or ${t.markRead} or ${t.flag} or ${t.forwardTo} is not null`,
    ),
  ],
);

/**
 * Work a delivery leaves for after its commit: an automatic reply or a rule's forward, written in
 * the delivery's transaction (so it exists only for a stored message, and is never lost), done by
 * `runAutomationJobs` right after the commit or by the worker's next poll, and deleted in the
 * transaction that sends it.
 */
export const automationJobs = pgTable(
  "automation_jobs",
  {
    orgId: uuid("org_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    /** The mailbox the message was delivered to. */
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    contentId: uuid("content_id").notNull(),
    kind: text("kind", { enum: ["reply", "forward"] }).notNull(),
    ruleId: uuid("rule_id"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("automation_jobs_created").on(t.createdAt)],
);

export type AutoReply = typeof autoReplies.$inferSelect;
export type InboxRule = typeof inboxRules.$inferSelect;

/**
 * Replies sent from a shared mailbox's conversation (issue 18, no double replies): who answered which
 * message of which conversation, and when. Written with the reply, in the send's transaction; read
 * when another delegate sends a reply in the same conversation ("Marc replied 2 minutes ago").
 */
export const conversationReplies = pgTable(
  "conversation_replies",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    /** The mailbox the answered message is in. */
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id").notNull(),
    messageId: uuid("message_id").notNull(),
    replierId: uuid("replier_id").references(() => accounts.id, { onDelete: "set null" }),
    /** Kept as text too: the reply outlives its writer's account. */
    replierName: text("replier_name").notNull(),
    repliedAt: timestamp("replied_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("conversation_replies_thread").on(t.orgId, t.accountId, t.threadId, t.repliedAt),
  ],
);

/**
 * Who is writing a reply in a shared mailbox's conversation right now: a row per delegate and
 * conversation, kept alive by their open reply form and gone when they send, leave or stop
 * (`expires_at` passes). Others reading the conversation see "Claire is replying".
 */
export const replyPresence = pgTable(
  "reply_presence",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id").notNull(),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.accountId, t.threadId, t.actorId] })],
);

/**
 * Who handles a conversation of a shared mailbox, and whether it is done (issue 18, assign and
 * resolve). A row exists once someone assigned, took, replied to or closed the conversation; no row
 * is "open, unassigned". An assignee who loses Full Access is unassigned (a trigger on delegations,
 * migration 0025); a new message delivered to a done conversation reopens it.
 */
export const conversationStates = pgTable(
  "conversation_states",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id").notNull(),
    assigneeId: uuid("assignee_id").references(() => accounts.id, { onDelete: "set null" }),
    done: boolean("done").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId, t.threadId] }),
    index("conversation_states_assignee").on(t.orgId, t.accountId, t.assigneeId),
  ],
);

/**
 * Read state per person (issue 18), in a mailbox with `read_per_person`: a reader's read or unread
 * state of a message where it differs from the message's own `seen` — the state everyone starts from
 * (at delivery, by a rule, or when the setting was turned on). So a row is an exception: absent, the
 * reader sees `messages.seen`. `mailbox_id` and `folder_id` are the message's (the folder kept by a
 * trigger when it moves), for the per-reader counters below and for clearing a mailbox's rows.
 */
export const messageReads = pgTable(
  "message_reads",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").notNull(),
    readerId: uuid("reader_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    folderId: uuid("folder_id").notNull(),
    seen: boolean("seen").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.messageId, t.readerId] }),
    index("message_reads_mailbox").on(t.mailboxId, t.readerId),
    foreignKey({
      columns: [t.orgId, t.messageId],
      foreignColumns: [messages.orgId, messages.id],
      name: "message_reads_message_fk",
    }).onDelete("cascade"),
  ],
);

/**
 * A reader's unread count of a folder is `folders.unread_count + delta`: the sum of their exceptions
 * there (+1 unread where the message is read for everyone else, -1 the other way), kept by triggers on
 * message_reads (migration 0029), never counted at read time.
 */
export const folderReaderUnread = pgTable(
  "folder_reader_unread",
  {
    orgId: uuid("org_id").notNull(),
    folderId: uuid("folder_id").notNull(),
    readerId: uuid("reader_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    delta: integer("delta").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.folderId, t.readerId] }),
    foreignKey({
      columns: [t.orgId, t.folderId],
      foreignColumns: [folders.orgId, folders.id],
      name: "folder_reader_unread_folder_fk",
    }).onDelete("cascade"),
  ],
);
