-- Sending under contention: a delivery no longer holds its folders' rows from its insert to its
-- commit. Inside a transaction that sets mailroom.defer_folder_rows (lib/delivery/deliver.ts), a new
-- message is inserted with a pending UID (negative, unique, never committed) and its folder's row
-- (next UID, counters) is written by a deferred trigger that runs during COMMIT: the row is locked
-- for the commit alone, not while the server builds the rest of the transaction. UIDs are still
-- taken under the folder's row lock and committed in that order (RFC 3501). Every other insert
-- (IMAP APPEND, drafts, imports) takes its UID at once, as before.
CREATE SEQUENCE messages_pending_uid AS integer MAXVALUE 2147483647 CYCLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION messages_assign_uid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('mailroom.defer_folder_rows', true) = 'on' THEN
    NEW.uid := -nextval('messages_pending_uid');
  ELSIF TG_OP = 'INSERT' OR NEW.folder_id IS DISTINCT FROM OLD.folder_id THEN
    UPDATE folders SET uid_next = uid_next + 1
      WHERE org_id = NEW.org_id AND id = NEW.folder_id
      RETURNING uid_next - 1 INTO NEW.uid;
    IF TG_OP = 'UPDATE' THEN NEW.deleted := false; END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- A pending message is counted by its settling below, not here.
CREATE OR REPLACE FUNCTION folder_counters_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE folders f SET total_count = f.total_count + d.n, unread_count = f.unread_count + d.u
    FROM (SELECT org_id, folder_id, count(*) AS n, count(*) FILTER (WHERE NOT seen) AS u
          FROM new_rows WHERE uid > 0 GROUP BY org_id, folder_id) d
    WHERE f.org_id = d.org_id AND f.id = d.folder_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE folders f SET total_count = f.total_count - d.n, unread_count = f.unread_count - d.u
    FROM (SELECT org_id, folder_id, count(*) AS n, count(*) FILTER (WHERE NOT seen) AS u
          FROM old_rows GROUP BY org_id, folder_id) d
    WHERE f.org_id = d.org_id AND f.id = d.folder_id;
  ELSE
    UPDATE folders f SET total_count = f.total_count + d.n, unread_count = f.unread_count + d.u
    FROM (SELECT org_id, folder_id, sum(n) AS n, sum(u) AS u FROM (
            SELECT org_id, folder_id, 1 AS n, (NOT seen)::int AS u FROM new_rows
            UNION ALL
            SELECT org_id, folder_id, -1, -((NOT seen)::int) FROM old_rows) x
          GROUP BY org_id, folder_id) d
    WHERE f.org_id = d.org_id AND f.id = d.folder_id AND (d.n <> 0 OR d.u <> 0);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- At COMMIT, for each pending message: its folder's next UID and counters as it was inserted (the
-- counters are sums, so a move, a mark or a delete of it later in the transaction, already applied
-- by the other triggers, adds up right), and the UID on the message if it is still pending there.
CREATE FUNCTION messages_settle_pending() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  settled integer;
BEGIN
  UPDATE folders SET uid_next = uid_next + 1, total_count = total_count + 1,
      unread_count = unread_count + (NOT NEW.seen)::int
    WHERE org_id = NEW.org_id AND id = NEW.folder_id
    RETURNING uid_next - 1 INTO settled;
  UPDATE messages SET uid = settled WHERE org_id = NEW.org_id AND id = NEW.id AND uid = NEW.uid;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER messages_settle_pending AFTER INSERT ON messages
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.uid < 0)
  EXECUTE FUNCTION messages_settle_pending();
--> statement-breakpoint
-- Change notifications name committed UIDs only: a pending one is named again when it is settled.
CREATE OR REPLACE FUNCTION messages_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('mailroom_mailbox', p) FROM (
      SELECT account_id || ':' || folder_id || ':' || string_agg(uid::text, ',' ORDER BY uid) AS p
      FROM (SELECT account_id, folder_id, uid,
              (row_number() OVER (PARTITION BY account_id, folder_id ORDER BY uid) - 1) / 500 AS part
            FROM new_rows WHERE uid > 0) r
      GROUP BY account_id, folder_id, part) x;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('mailroom_mailbox', p) FROM (
      SELECT account_id || ':' || folder_id || ':' || string_agg(uid::text, ',' ORDER BY uid) AS p
      FROM (SELECT account_id, folder_id, uid,
              (row_number() OVER (PARTITION BY account_id, folder_id ORDER BY uid) - 1) / 500 AS part
            FROM old_rows WHERE uid > 0) r
      GROUP BY account_id, folder_id, part) x;
  ELSE
    PERFORM pg_notify('mailroom_mailbox', p) FROM (
      SELECT account_id || ':' || folder_id || ':' || string_agg(uid::text, ',' ORDER BY uid) AS p
      FROM (SELECT account_id, folder_id, uid,
              (row_number() OVER (PARTITION BY account_id, folder_id ORDER BY uid) - 1) / 500 AS part
            FROM (SELECT account_id, folder_id, uid FROM new_rows WHERE uid > 0
                  UNION SELECT account_id, folder_id, uid FROM old_rows WHERE uid > 0) u) r
      GROUP BY account_id, folder_id, part) x;
  END IF;
  RETURN NULL;
END;
$$;
