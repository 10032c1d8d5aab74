CREATE TABLE "conversation_replies" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"replier_id" uuid,
	"replier_name" text NOT NULL,
	"replied_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_replies_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "reply_presence" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "reply_presence_org_id_account_id_thread_id_actor_id_pk" PRIMARY KEY("org_id","account_id","thread_id","actor_id")
);
--> statement-breakpoint
ALTER TABLE "conversation_replies" ADD CONSTRAINT "conversation_replies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_replies" ADD CONSTRAINT "conversation_replies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_replies" ADD CONSTRAINT "conversation_replies_replier_id_accounts_id_fk" FOREIGN KEY ("replier_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_presence" ADD CONSTRAINT "reply_presence_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_presence" ADD CONSTRAINT "reply_presence_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_presence" ADD CONSTRAINT "reply_presence_actor_id_accounts_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_replies_thread" ON "conversation_replies" USING btree ("org_id","account_id","thread_id","replied_at");