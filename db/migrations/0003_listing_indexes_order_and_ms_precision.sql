DROP INDEX "audit_events_org_at";--> statement-breakpoint
DROP INDEX "audit_events_mailbox_at";--> statement-breakpoint
DROP INDEX "messages_folder_listing";--> statement-breakpoint
DROP INDEX "messages_account_listing";--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "received_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "received_at" SET DEFAULT now();--> statement-breakpoint
CREATE INDEX "audit_events_org_at" ON "audit_events" USING btree ("org_id","at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_events_mailbox_at" ON "audit_events" USING btree ("org_id","mailbox_id","at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "messages_folder_listing" ON "messages" USING btree ("org_id","folder_id","received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "messages_account_listing" ON "messages" USING btree ("org_id","account_id","received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);