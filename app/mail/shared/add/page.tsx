import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { AddSharedFolderForm } from "@/components/mail/shared/AddSharedFolderForm";
import { getDb } from "@/db/client";
import { requireActor } from "@/app/_lib/current-actor";
import { listAddableMailboxes } from "@/lib/shared-folders/address-book";
import { addSharedFolderAction } from "@/app/mail/shared/actions";
import { listTreeMailboxes } from "@/lib/shared-folders/pane-mailboxes";

type Props = { searchParams: Promise<{ mailbox?: string | string[] }> };

/** Add shared folder as a page: the dialog's form, reachable with no JavaScript at all. */
export default async function AddSharedFolderPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { mailbox } = await searchParams;
  const db = getDb();
  const [addable, inTree] = await Promise.all([listAddableMailboxes(db, actor), listTreeMailboxes(db, actor)]);
  const shown = new Set(inTree.map((m) => m.mailbox.id));
  const t = await getTranslations("shared");
  return (
    <main id="main" className="flex-1 overflow-y-auto p-6">
      <div className="mx-auto max-w-md rounded-lg bg-white p-6 shadow">
        <h1 className="text-xl font-semibold">{t("dialogTitle")}</h1>
        <p className="mt-1 mb-4 text-sm text-slate-600">{t("dialogIntro")}</p>
        <AddSharedFolderForm
          suggestions={addable
            .filter((m) => !shown.has(m.id))
            .map(({ address, displayName }) => ({ address, displayName }))}
          action={addSharedFolderAction}
          defaultValue={typeof mailbox === "string" ? mailbox.slice(0, 320) : undefined}
        />
        <Link href="/mail" className="mt-4 inline-block text-sm text-brand-700 underline">
          {t("backToMail")}
        </Link>
      </div>
    </main>
  );
}
