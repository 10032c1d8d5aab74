CREATE TABLE "auto_replies" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"internal_text" text DEFAULT '' NOT NULL,
	"external_text" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auto_replies_org_id_account_id_pk" PRIMARY KEY("org_id","account_id"),
	CONSTRAINT "auto_replies_period" CHECK ("auto_replies"."starts_at" is null or "auto_replies"."ends_at" is null or "auto_replies"."starts_at" < "auto_replies"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "auto_reply_log" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"sender" text NOT NULL,
	"replied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auto_reply_log_org_id_account_id_sender_pk" PRIMARY KEY("org_id","account_id","sender")
);
--> statement-breakpoint
CREATE TABLE "automation_jobs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"content_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"rule_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automation_jobs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "inbox_rules" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"from_contains" text,
	"to_contains" text,
	"subject_contains" text,
	"move_to_folder_id" uuid,
	"mark_read" boolean DEFAULT false NOT NULL,
	"flag" boolean DEFAULT false NOT NULL,
	"forward_to" text,
	"stop_processing" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_rules_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "inbox_rules_some_condition" CHECK ("inbox_rules"."from_contains" is not null or "inbox_rules"."to_contains" is not null or "inbox_rules"."subject_contains" is not null),
	CONSTRAINT "inbox_rules_some_action" CHECK ("inbox_rules"."move_to_folder_id" is not null or "inbox_rules"."mark_read" or "inbox_rules"."flag" or "inbox_rules"."forward_to" is not null)
);
--> statement-breakpoint
ALTER TABLE "auto_replies" ADD CONSTRAINT "auto_replies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_replies" ADD CONSTRAINT "auto_replies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_reply_log" ADD CONSTRAINT "auto_reply_log_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_jobs" ADD CONSTRAINT "automation_jobs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_rules" ADD CONSTRAINT "inbox_rules_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_rules" ADD CONSTRAINT "inbox_rules_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_rules" ADD CONSTRAINT "inbox_rules_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_rules" ADD CONSTRAINT "inbox_rules_folder_fk" FOREIGN KEY ("org_id","move_to_folder_id") REFERENCES "public"."folders"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auto_reply_log_replied" ON "auto_reply_log" USING btree ("org_id","account_id","replied_at");--> statement-breakpoint
CREATE INDEX "automation_jobs_created" ON "automation_jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "inbox_rules_account" ON "inbox_rules" USING btree ("org_id","account_id","position");