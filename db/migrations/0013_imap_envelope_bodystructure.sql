ALTER TABLE "message_contents" ADD COLUMN "imap_envelope" jsonb;--> statement-breakpoint
ALTER TABLE "message_contents" ADD COLUMN "imap_bodystructure" jsonb;--> statement-breakpoint
CREATE INDEX "message_contents_imap_pending_idx" ON "message_contents" USING btree ("org_id","id") WHERE imap_envelope is null;