CREATE TABLE "folder_reader_unread" (
	"org_id" uuid NOT NULL,
	"folder_id" uuid NOT NULL,
	"reader_id" uuid NOT NULL,
	"delta" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "folder_reader_unread_folder_id_reader_id_pk" PRIMARY KEY("folder_id","reader_id")
);
--> statement-breakpoint
CREATE TABLE "message_reads" (
	"org_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"reader_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"folder_id" uuid NOT NULL,
	"seen" boolean NOT NULL,
	CONSTRAINT "message_reads_org_id_message_id_reader_id_pk" PRIMARY KEY("org_id","message_id","reader_id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "read_per_person" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "folder_reader_unread" ADD CONSTRAINT "folder_reader_unread_reader_id_accounts_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folder_reader_unread" ADD CONSTRAINT "folder_reader_unread_folder_fk" FOREIGN KEY ("org_id","folder_id") REFERENCES "public"."folders"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reads" ADD CONSTRAINT "message_reads_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reads" ADD CONSTRAINT "message_reads_reader_id_accounts_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reads" ADD CONSTRAINT "message_reads_mailbox_id_accounts_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reads" ADD CONSTRAINT "message_reads_message_fk" FOREIGN KEY ("org_id","message_id") REFERENCES "public"."messages"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_reads_mailbox" ON "message_reads" USING btree ("mailbox_id","reader_id");--> statement-breakpoint
-- Per-reader unread counters (folder_reader_unread.delta) kept by statement-level triggers on
-- message_reads, as folder counters are by triggers on messages (migration 0001). An exception adds
-- one unread for its reader where it says unread, takes one away where it says read. Insert and
-- delete also notify the mailbox's listeners (webmail live counts, IMAP IDLE), as a change of the
-- message would: each reader's session reads its own state again.
CREATE FUNCTION message_reads_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE folder_reader_unread c SET delta = c.delta - d.n
    FROM (SELECT folder_id, reader_id, sum(CASE WHEN seen THEN -1 ELSE 1 END) AS n
          FROM old_rows GROUP BY folder_id, reader_id) d
    WHERE c.folder_id = d.folder_id AND c.reader_id = d.reader_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO folder_reader_unread AS c (org_id, folder_id, reader_id, delta)
    SELECT org_id, folder_id, reader_id, sum(CASE WHEN seen THEN -1 ELSE 1 END)
    FROM new_rows GROUP BY org_id, folder_id, reader_id
    ON CONFLICT (folder_id, reader_id) DO UPDATE SET delta = c.delta + excluded.delta;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('mailroom_mailbox', p) FROM (
      SELECT account_id || ':' || folder_id || ':' || string_agg(uid::text, ',' ORDER BY uid) AS p
      FROM (SELECT m.account_id, m.folder_id, m.uid,
              (row_number() OVER (PARTITION BY m.account_id, m.folder_id ORDER BY m.uid) - 1) / 500 AS part
            FROM new_rows r JOIN messages m ON m.org_id = r.org_id AND m.id = r.message_id) u
      GROUP BY account_id, folder_id, part) x;
  ELSIF TG_OP = 'DELETE' THEN
    -- (a message deleted with its exceptions is gone from messages: its own delete has notified)
    PERFORM pg_notify('mailroom_mailbox', p) FROM (
      SELECT account_id || ':' || folder_id || ':' || string_agg(uid::text, ',' ORDER BY uid) AS p
      FROM (SELECT m.account_id, m.folder_id, m.uid,
              (row_number() OVER (PARTITION BY m.account_id, m.folder_id ORDER BY m.uid) - 1) / 500 AS part
            FROM old_rows r JOIN messages m ON m.org_id = r.org_id AND m.id = r.message_id) u
      GROUP BY account_id, folder_id, part) x;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER message_reads_insert AFTER INSERT ON message_reads
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION message_reads_apply();
--> statement-breakpoint
CREATE TRIGGER message_reads_delete AFTER DELETE ON message_reads
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION message_reads_apply();
--> statement-breakpoint
CREATE TRIGGER message_reads_update AFTER UPDATE ON message_reads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION message_reads_apply();
--> statement-breakpoint
-- A message that moves takes its readers' exceptions to its new folder; a message whose own state
-- changes (for everyone) drops them: each said the opposite of the old state, so equals the new one.
CREATE FUNCTION message_reads_follow_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN message_reads r ON r.org_id = n.org_id AND r.message_id = n.id) THEN
    RETURN NULL;
  END IF;
  DELETE FROM message_reads r USING new_rows n, old_rows o
  WHERE o.org_id = n.org_id AND o.id = n.id AND n.seen <> o.seen
    AND r.org_id = n.org_id AND r.message_id = n.id;
  UPDATE message_reads r SET folder_id = n.folder_id
  FROM new_rows n, old_rows o
  WHERE o.org_id = n.org_id AND o.id = n.id AND n.folder_id <> o.folder_id
    AND r.org_id = n.org_id AND r.message_id = n.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER messages_reads_follow AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION message_reads_follow_messages();
--> statement-breakpoint
-- A delegate who loses Full Access (or their delegation) has no read state of the mailbox left: their
-- exceptions go with it, whichever path changed the delegation.
CREATE FUNCTION message_reads_forget_lost_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NOT NEW.full_access THEN
    DELETE FROM message_reads WHERE mailbox_id = OLD.mailbox_id AND reader_id = OLD.delegate_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER delegations_forget_read_state
AFTER UPDATE OF full_access OR DELETE ON delegations
FOR EACH ROW EXECUTE FUNCTION message_reads_forget_lost_access();
