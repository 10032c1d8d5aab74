-- IMAP UIDs: a message gets the next UID of its folder when it is inserted and whenever it moves
-- to another folder (so a move gives a new UID in the destination, as RFC 3501 requires). The
-- counter lives on the folder row that the counters trigger already updates in the same
-- transaction: no second hot row.
CREATE FUNCTION messages_assign_uid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.folder_id IS DISTINCT FROM OLD.folder_id THEN
    UPDATE folders SET uid_next = uid_next + 1
      WHERE org_id = NEW.org_id AND id = NEW.folder_id
      RETURNING uid_next - 1 INTO NEW.uid;
    IF TG_OP = 'UPDATE' THEN NEW.deleted := false; END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER messages_uid_insert BEFORE INSERT ON messages
  FOR EACH ROW EXECUTE FUNCTION messages_assign_uid();
--> statement-breakpoint
CREATE TRIGGER messages_uid_move BEFORE UPDATE OF folder_id ON messages
  FOR EACH ROW EXECUTE FUNCTION messages_assign_uid();
--> statement-breakpoint
-- Change notifications: one pg_notify per changed folder ('accountId:folderId'), delivered at
-- commit, whatever door made the change (webmail, SMTP, IMAP). Listeners: lib/events.
CREATE FUNCTION messages_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('mailroom_mailbox', k) FROM (SELECT DISTINCT account_id || ':' || folder_id AS k FROM new_rows) x;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('mailroom_mailbox', k) FROM (SELECT DISTINCT account_id || ':' || folder_id AS k FROM old_rows) x;
  ELSE
    PERFORM pg_notify('mailroom_mailbox', k) FROM (
      SELECT account_id || ':' || folder_id AS k FROM new_rows
      UNION SELECT account_id || ':' || folder_id FROM old_rows) x;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER messages_notify_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_notify_change();
--> statement-breakpoint
CREATE TRIGGER messages_notify_delete AFTER DELETE ON messages
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_notify_change();
--> statement-breakpoint
CREATE TRIGGER messages_notify_update AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_notify_change();
