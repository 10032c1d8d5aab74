import Link from "@/components/ui/Link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyDeletedItemsForm } from "@/components/admin/shared/EmptyDeletedItemsForm";
import { SharedMailboxEditForm } from "@/components/admin/shared/SharedMailboxEditForm";
import { AliasesSection } from "@/components/admin/aliases/AliasesSection";
import { getDb } from "@/db/client";
import { getAdminMailbox } from "@/lib/admin/mailboxes/get-mailbox";
import { deletedItemsCount } from "@/lib/admin/shared/empty-deleted-items";
import { listOrgDomains } from "@/lib/admin/mailboxes/org-domains";
import { listAliases } from "@/lib/aliases/manage-aliases";
import { getPool } from "@/lib/admin/pool/get-pool";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { formatBytes } from "@/lib/format/bytes";
import { orNotFound } from "@/app/_lib/or-not-found";
import { addAliasAction, removeAliasAction } from "../../aliases/actions";
import { emptyDeletedItemsAction, updateSharedAction } from "../actions";

export default async function SharedMailboxPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const { id } = await params;
  const db = getDb();
  const mailbox = await orNotFound(getAdminMailbox(db, actor, id, "shared"));
  const [pool, t, locale, aliases, domains, deletedCount] = await Promise.all([
    getPool(db, actor),
    getTranslations("admin"),
    getLocale(),
    listAliases(db, actor, mailbox.id),
    listOrgDomains(db, actor),
    deletedItemsCount(db, actor, mailbox.id),
  ]);
  const size = (b: number) => formatBytes(b, locale);
  return (
    <>
      <Link href="/admin" className="text-sm text-brand-600 underline">
        {t("backToShared")}
      </Link>
      <h1 className="text-2xl font-semibold">{mailbox.address}</h1>
      <p className="text-sm text-slate-700">
        {t("shared.facts", {
          used: size(mailbox.usedBytes),
          quota: size(mailbox.quotaBytes),
          messages: mailbox.messageCount,
          delegates: mailbox.delegateCount,
        })}
      </p>
      <ul className="flex flex-wrap gap-4 text-sm">
        <li>
          <Link href={`/admin/mailboxes/${mailbox.id}/delegations`} className="text-brand-600 underline">
            {t("configureDelegations")}
          </Link>
        </li>
        <li>
          <Link
            href={`/admin/audit?mailbox=${encodeURIComponent(mailbox.address)}`}
            className="text-brand-600 underline"
          >
            {t("viewAudit")}
          </Link>
        </li>
      </ul>
      <section aria-labelledby="edit-heading" className="space-y-4">
        <h2 id="edit-heading" className="text-lg font-semibold">
          {t("shared.edit")}
        </h2>
        <SharedMailboxEditForm
          action={updateSharedAction}
          mailbox={mailbox}
          maxQuotaBytes={pool.freeBytes + mailbox.quotaBytes}
        />
      </section>
      <AliasesSection
        mailboxId={mailbox.id}
        aliases={aliases}
        domains={domains}
        addAction={addAliasAction}
        removeAction={removeAliasAction}
      />
      <section aria-labelledby="purge-heading" className="space-y-2">
        <h2 id="purge-heading" className="text-lg font-semibold">
          {t("shared.purge.heading")}
        </h2>
        <EmptyDeletedItemsForm id={mailbox.id} count={deletedCount} action={emptyDeletedItemsAction} />
      </section>
      <section aria-labelledby="delete-heading" className="space-y-2 rounded border border-red-200 bg-white p-4">
        <h2 id="delete-heading" className="text-lg font-semibold">
          {t("shared.delete")}
        </h2>
        <p className="text-sm text-slate-700">{t("shared.deleteIntro")}</p>
        <Link href={`/admin/shared/${mailbox.id}/delete`} className="inline-block text-sm text-red-700 underline">
          {t("shared.deleteLink")}
        </Link>
      </section>
    </>
  );
}
