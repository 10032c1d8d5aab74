CREATE TABLE "dkim_keys" (
	"domain" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"selector" text NOT NULL,
	"private_key_pem" text NOT NULL,
	"public_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dkim_keys_domain_lower" CHECK ("dkim_keys"."domain" = lower("dkim_keys"."domain"))
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"mail_from" text NOT NULL,
	"content_id" uuid NOT NULL,
	"message_id_header" text,
	"subject" text DEFAULT '' NOT NULL,
	"raw" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_messages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "outbound_recipients" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"address" text NOT NULL,
	"domain" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp (3) with time zone,
	"claimed_by" text,
	"last_reply" text,
	"remote_mta" text,
	"delay_notice_sent" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp (3) with time zone,
	CONSTRAINT "outbound_recipients_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "send_limit_per_hour" integer DEFAULT 500 NOT NULL;--> statement-breakpoint
ALTER TABLE "dkim_keys" ADD CONSTRAINT "dkim_keys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_recipients" ADD CONSTRAINT "outbound_recipients_message_fk" FOREIGN KEY ("org_id","message_id") REFERENCES "public"."outbound_messages"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbound_messages_content" ON "outbound_messages" USING btree ("org_id","content_id");--> statement-breakpoint
CREATE INDEX "outbound_messages_account_at" ON "outbound_messages" USING btree ("org_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "outbound_recipients_message" ON "outbound_recipients" USING btree ("org_id","message_id");--> statement-breakpoint
CREATE INDEX "outbound_recipients_due" ON "outbound_recipients" USING btree ("next_attempt_at") WHERE "outbound_recipients"."state" in ('queued', 'deferred');--> statement-breakpoint
CREATE INDEX "outbound_recipients_state" ON "outbound_recipients" USING btree ("org_id","state","next_attempt_at");
