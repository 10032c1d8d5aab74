import Link from "@/components/ui/Link";
import { getLocale, getTranslations } from "next-intl/server";
import { DeleteForm } from "@/components/admin/DeleteForm";
import { getDb } from "@/db/client";
import { getAdminMailbox } from "@/lib/admin/mailboxes/get-mailbox";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { formatBytes } from "@/lib/format/bytes";
import { orNotFound } from "@/app/_lib/or-not-found";
import { deleteSharedAction } from "../../actions";

/** The confirmation of a deletion: what goes with the mailbox, then one button. */
export default async function DeleteSharedMailboxPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const { id } = await params;
  const mailbox = await orNotFound(getAdminMailbox(getDb(), actor, id, "shared"));
  const [t, locale] = await Promise.all([getTranslations("admin"), getLocale()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("shared.deleteTitle", { address: mailbox.address })}</h1>
      <div className="max-w-xl space-y-3 rounded border border-red-200 bg-white p-4 text-sm">
        <p>
          {t("shared.deleteConsequences", {
            messages: mailbox.messageCount,
            used: formatBytes(mailbox.usedBytes, locale),
            delegates: mailbox.delegateCount,
          })}
        </p>
        <p>{t("shared.deleteFrees", { quota: formatBytes(mailbox.quotaBytes, locale) })}</p>
        <p className="font-medium">{t("cannotUndo")}</p>
        <DeleteForm
          action={deleteSharedAction}
          id={mailbox.id}
          label={t("shared.deleteConfirm")}
          pendingLabel={t("deleting")}
        />
        <Link href={`/admin/shared/${mailbox.id}`} className="inline-block text-brand-600 underline">
          {t("cancel")}
        </Link>
      </div>
    </>
  );
}
