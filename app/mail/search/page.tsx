import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { SearchAllForm } from "@/components/mail/shared/SearchAllForm";
import { SearchResults } from "@/components/mail/shared/SearchResults";
import { getDb } from "@/db/client";
import { requireActor } from "@/app/_lib/current-actor";
import { decodeCursor } from "@/lib/messages/list-messages";
import { listSearchableMailboxes, searchAllMailboxes } from "@/lib/search/search-all-mailboxes";

type Props = { searchParams: Promise<{ q?: string | string[]; scope?: string | string[]; after?: string | string[] }> };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/**
 * /mail/search?q=…&scope=all — search the own mailbox and every mailbox the user has Full
 * Access to, results labelled with their mailbox. "all" is this page's only scope (searching
 * one folder or one mailbox is the message list's).
 */
export default async function SearchAllPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const q = one(params.q).trim().slice(0, 200);
  const db = getDb();
  const result = q
    ? await searchAllMailboxes(db, actor, { q, cursor: decodeCursor(one(params.after)), timeZone: await getTimeZone() })
    : {
        mailboxes: await listSearchableMailboxes(db, actor),
        hits: [],
        next: null,
        searched: false,
        found: { count: 0, more: false },
      };
  const t = await getTranslations("shared.search");
  const locale = await getLocale();
  const names = result.mailboxes.map((m) => (m.isOwn ? t("yourMailbox", { name: m.displayName }) : m.displayName));
  return (
    <main id="main" className="flex-1 overflow-y-auto bg-white">
      <div className="mx-auto max-w-4xl p-6">
        <h1 className="text-xl font-semibold">{q ? t("resultsFor", { q }) : t("title")}</h1>
        <div className="-mx-3">
          <SearchAllForm q={q} id="search-page-q" />
        </div>
        <p className="text-sm text-slate-600">{t("hint")}</p>
        <p className="mt-1 text-sm text-slate-600">
          {t("searched", { list: new Intl.ListFormat(locale).format(names) })}
        </p>
        {result.searched && (
          <p className="mt-1 text-sm font-medium text-slate-700" data-testid="search-count">
            {t(result.found.more ? "foundMore" : "found", { count: result.found.count })}
          </p>
        )}
        <SearchResults q={q} hits={result.hits} next={result.next} searched={result.searched} first={!params.after} />
      </div>
    </main>
  );
}
