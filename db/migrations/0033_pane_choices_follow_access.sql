CREATE INDEX "folder_collapsed_folder" ON "folder_collapsed" USING btree ("org_id","folder_id");--> statement-breakpoint
CREATE INDEX "pane_collapsed_mailbox" ON "pane_collapsed" USING btree ("mailbox_id");--> statement-breakpoint
-- A delegate who loses Full Access on a mailbox (the delegation revoked or cut down) no longer has it
-- in their folder pane: their choices about it (the mailbox collapsed, its folders collapsed) go too,
-- so that access given again later starts from a pane as anyone else's would.
CREATE FUNCTION mailroom_forget_pane_choices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NOT NEW.full_access THEN
    DELETE FROM pane_collapsed WHERE account_id = OLD.delegate_id AND mailbox_id = OLD.mailbox_id;
    DELETE FROM folder_collapsed c USING folders f
    WHERE c.account_id = OLD.delegate_id AND f.org_id = c.org_id AND f.id = c.folder_id
      AND f.org_id = OLD.org_id AND f.account_id = OLD.mailbox_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER delegations_forget_pane_choices
AFTER UPDATE OF full_access OR DELETE ON delegations
FOR EACH ROW EXECUTE FUNCTION mailroom_forget_pane_choices();
