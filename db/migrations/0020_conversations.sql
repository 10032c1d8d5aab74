ALTER TABLE "messages" ADD COLUMN "thread_refs" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "subject_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "thread_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
-- A conversation's subject: without the reply and forward prefixes of the usual clients (English,
-- French "TR", German, Nordic, Dutch), nor leading [tags], nor case, nor repeated spaces.
CREATE FUNCTION mail_subject_key(subject text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(btrim(regexp_replace(
    regexp_replace(subject, '^(\s*((re|fwd?|tr|aw|wg|sv|vs|antw|doorst)\s*(\[\d+\])?\s*:|\[[^\]]*\]))+', '', 'i'),
    '\s+', ' ', 'g')))
$$;
--> statement-breakpoint
-- Existing mail: the references were not kept, so a mailbox's messages with one subject key form one
-- conversation. Counters and notifications have nothing to do with these columns.
ALTER TABLE "messages" DISABLE TRIGGER messages_counters_update;--> statement-breakpoint
ALTER TABLE "messages" DISABLE TRIGGER messages_notify_update;--> statement-breakpoint
UPDATE "messages" SET "subject_key" = mail_subject_key("subject") WHERE mail_subject_key("subject") <> '';--> statement-breakpoint
UPDATE "messages" m SET "thread_id" = g.first
  FROM (
    SELECT org_id, id, first_value(thread_id) OVER (PARTITION BY org_id, account_id, subject_key ORDER BY received_at, id) AS first
    FROM "messages" WHERE subject_key <> ''
  ) g
  WHERE m.org_id = g.org_id AND m.id = g.id AND m.thread_id <> g.first;--> statement-breakpoint
ALTER TABLE "messages" ENABLE TRIGGER messages_counters_update;--> statement-breakpoint
ALTER TABLE "messages" ENABLE TRIGGER messages_notify_update;--> statement-breakpoint
CREATE INDEX "messages_thread" ON "messages" USING btree ("org_id","account_id","thread_id","received_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "messages_subject_key" ON "messages" USING btree ("org_id","account_id","subject_key","received_at" DESC NULLS FIRST) WHERE "messages"."subject_key" <> '';--> statement-breakpoint
-- New mail joins the conversation of the newest message of its mailbox that it answers (by
-- Message-ID), else of the newest with its subject key within the 30 days before it, else starts
-- one (the column's default). Rows inserted earlier by the same statement are seen (an import batch).
CREATE FUNCTION messages_assign_thread() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  found uuid;
BEGIN
  NEW.subject_key := mail_subject_key(NEW.subject);
  IF cardinality(NEW.thread_refs) > 0 THEN
    SELECT thread_id INTO found FROM messages
      WHERE org_id = NEW.org_id AND account_id = NEW.account_id AND message_id_header = ANY (NEW.thread_refs)
      ORDER BY received_at DESC LIMIT 1;
  END IF;
  IF found IS NULL AND NEW.subject_key <> '' THEN
    SELECT thread_id INTO found FROM messages
      WHERE org_id = NEW.org_id AND account_id = NEW.account_id AND subject_key = NEW.subject_key
        AND received_at >= NEW.received_at - interval '30 days'
      ORDER BY received_at DESC LIMIT 1;
  END IF;
  IF found IS NOT NULL THEN NEW.thread_id := found; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER messages_thread_insert BEFORE INSERT ON messages
  FOR EACH ROW EXECUTE FUNCTION messages_assign_thread();
