CREATE TABLE "folder_collapsed" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"folder_id" uuid NOT NULL,
	CONSTRAINT "folder_collapsed_account_id_folder_id_pk" PRIMARY KEY("account_id","folder_id")
);
--> statement-breakpoint
ALTER TABLE "folder_collapsed" ADD CONSTRAINT "folder_collapsed_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folder_collapsed" ADD CONSTRAINT "folder_collapsed_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folder_collapsed" ADD CONSTRAINT "folder_collapsed_folder_fk" FOREIGN KEY ("org_id","folder_id") REFERENCES "public"."folders"("org_id","id") ON DELETE cascade ON UPDATE no action;