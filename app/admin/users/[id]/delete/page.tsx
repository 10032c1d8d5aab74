import Link from "@/components/ui/Link";
import { getLocale, getTranslations } from "next-intl/server";
import { DeleteForm } from "@/components/admin/DeleteForm";
import { getDb } from "@/db/client";
import { getAdminMailbox } from "@/lib/admin/mailboxes/get-mailbox";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { formatBytes } from "@/lib/format/bytes";
import { orNotFound } from "@/app/_lib/or-not-found";
import { deleteUserAction } from "../../actions";

export default async function DeleteUserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const { id } = await params;
  const user = await orNotFound(getAdminMailbox(getDb(), actor, id, "standard"));
  const [t, locale] = await Promise.all([getTranslations("admin"), getLocale()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("users.deleteTitle", { address: user.address })}</h1>
      <div className="max-w-xl space-y-3 rounded border border-red-200 bg-white p-4 text-sm">
        <p>
          {t("users.deleteConsequences", {
            messages: user.messageCount,
            used: formatBytes(user.usedBytes, locale),
            delegates: user.delegateCount,
          })}
        </p>
        <p className="font-medium">{t("cannotUndo")}</p>
        <DeleteForm
          action={deleteUserAction}
          id={user.id}
          label={t("users.deleteConfirm")}
          pendingLabel={t("deleting")}
        />
        <Link href={`/admin/users/${user.id}`} className="inline-block text-brand-600 underline">
          {t("cancel")}
        </Link>
      </div>
    </>
  );
}
