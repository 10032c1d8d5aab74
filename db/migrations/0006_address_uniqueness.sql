-- An address is unique across accounts and aliases together (case-insensitive). Each table has its
-- own unique index; this trigger checks the other table. Both paths take the same transaction-level
-- advisory lock on the address first, so two transactions giving the same address to an account and
-- to an alias at once queue, and the second one sees the first one's row once it has committed.
CREATE FUNCTION mailroom_address_free_elsewhere() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('mailroom.address:' || lower(NEW.address), 0));
  IF TG_TABLE_NAME = 'accounts' THEN
    IF EXISTS (SELECT 1 FROM aliases WHERE lower(address) = lower(NEW.address)) THEN
      RAISE EXCEPTION 'address % is already an alias', NEW.address
        USING ERRCODE = 'unique_violation', CONSTRAINT = 'accounts_address_unique';
    END IF;
  ELSE
    IF EXISTS (SELECT 1 FROM accounts WHERE lower(address) = lower(NEW.address)) THEN
      RAISE EXCEPTION 'address % is already a mailbox', NEW.address
        USING ERRCODE = 'unique_violation', CONSTRAINT = 'aliases_address_unique';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_address_free BEFORE INSERT OR UPDATE OF address ON accounts
  FOR EACH ROW EXECUTE FUNCTION mailroom_address_free_elsewhere();
--> statement-breakpoint
CREATE TRIGGER aliases_address_free BEFORE INSERT OR UPDATE OF address ON aliases
  FOR EACH ROW EXECUTE FUNCTION mailroom_address_free_elsewhere();
