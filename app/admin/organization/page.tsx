import { getTranslations } from "next-intl/server";
import { PoolMeter } from "@/components/admin/pool/PoolMeter";
import { PoolRuleForm } from "@/components/admin/pool/PoolRuleForm";
import { getDb } from "@/db/client";
import { listOrgDomains } from "@/lib/admin/mailboxes/org-domains";
import { getPool } from "@/lib/admin/pool/get-pool";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { updatePoolAction } from "./actions";

export default async function OrganizationPage() {
  const actor = await requireAdminPage();
  const db = getDb();
  const [pool, domains, t] = await Promise.all([
    getPool(db, actor),
    listOrgDomains(db, actor),
    getTranslations("admin"),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("organization.title")}</h1>
      <section aria-labelledby="domains-heading" className="space-y-2">
        <h2 id="domains-heading" className="text-lg font-semibold">
          {t("organization.domains")}
        </h2>
        <ul className="list-inside list-disc text-sm">
          {domains.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="pool-heading" className="space-y-4">
        <h2 id="pool-heading" className="text-lg font-semibold">
          {t("pool.title")}
        </h2>
        <PoolMeter {...pool} />
        <p className="text-sm text-slate-700">{t("organization.userCount", { count: pool.userCount })}</p>
        <PoolRuleForm action={updatePoolAction} rule={pool.rule} poolBytes={pool.poolBytes} />
      </section>
    </>
  );
}
