ALTER TABLE "folders" ADD COLUMN "uid_validity" integer DEFAULT (extract(epoch from now()))::integer NOT NULL;--> statement-breakpoint
ALTER TABLE "folders" ADD COLUMN "uid_next" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "uid" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "deleted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "keywords" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Existing mail gets its UIDs in received_at order per folder (hand-written, before the unique index).
UPDATE "messages" m SET "uid" = n.rn FROM (
  SELECT "org_id", "id", row_number() OVER (PARTITION BY "org_id", "folder_id" ORDER BY "received_at", "id") AS rn
  FROM "messages") n
WHERE m."org_id" = n."org_id" AND m."id" = n."id";--> statement-breakpoint
UPDATE "folders" f SET "uid_next" = coalesce(
  (SELECT max("uid") + 1 FROM "messages" m WHERE m."org_id" = f."org_id" AND m."folder_id" = f."id"), 1);--> statement-breakpoint
CREATE UNIQUE INDEX "messages_folder_uid" ON "messages" USING btree ("org_id","folder_id","uid");