DROP INDEX "messages_search";--> statement-breakpoint
CREATE INDEX "messages_search" ON "messages" USING gin ("account_id","folder_id","search_vector");