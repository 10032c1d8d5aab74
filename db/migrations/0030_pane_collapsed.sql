CREATE TABLE "pane_collapsed" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	CONSTRAINT "pane_collapsed_account_id_mailbox_id_pk" PRIMARY KEY("account_id","mailbox_id")
);
--> statement-breakpoint
ALTER TABLE "pane_collapsed" ADD CONSTRAINT "pane_collapsed_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pane_collapsed" ADD CONSTRAINT "pane_collapsed_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pane_collapsed" ADD CONSTRAINT "pane_collapsed_mailbox_id_accounts_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;