import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { SharedMailboxWizard } from "@/components/admin/shared/SharedMailboxWizard";
import { getDb } from "@/db/client";
import { listOrgDomains } from "@/lib/admin/mailboxes/org-domains";
import { getPool } from "@/lib/admin/pool/get-pool";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { sharedWizardAction } from "../actions";

export default async function NewSharedMailboxPage() {
  const actor = await requireAdminPage();
  const db = getDb();
  const [domains, pool, t] = await Promise.all([
    listOrgDomains(db, actor),
    getPool(db, actor),
    getTranslations("admin"),
  ]);
  return (
    <>
      <Link href="/admin" className="text-sm text-brand-600 underline">
        {t("backToShared")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("shared.add")}</h1>
      <SharedMailboxWizard action={sharedWizardAction} domains={domains} pool={pool} />
    </>
  );
}
