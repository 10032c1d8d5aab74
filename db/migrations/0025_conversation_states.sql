CREATE TABLE "conversation_states" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"assignee_id" uuid,
	"done" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_states_org_id_account_id_thread_id_pk" PRIMARY KEY("org_id","account_id","thread_id")
);
--> statement-breakpoint
ALTER TABLE "conversation_states" ADD CONSTRAINT "conversation_states_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_states" ADD CONSTRAINT "conversation_states_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_states" ADD CONSTRAINT "conversation_states_assignee_id_accounts_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_states_assignee" ON "conversation_states" USING btree ("org_id","account_id","assignee_id");--> statement-breakpoint
-- An assignee who loses Full Access on the mailbox (the delegation revoked or cut down) is unassigned.
CREATE FUNCTION mailroom_unassign_lost_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NOT NEW.full_access THEN
    UPDATE conversation_states SET assignee_id = NULL, updated_at = now()
    WHERE org_id = OLD.org_id AND account_id = OLD.mailbox_id AND assignee_id = OLD.delegate_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER delegations_unassign_lost_access
AFTER UPDATE OF full_access OR DELETE ON delegations
FOR EACH ROW EXECUTE FUNCTION mailroom_unassign_lost_access();
