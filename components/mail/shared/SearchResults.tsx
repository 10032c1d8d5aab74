import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { listDateFormat } from "@/components/mail/list-date-format";
import type { SearchHit } from "@/lib/search/search-all-mailboxes";

type Props = { q: string; hits: SearchHit[]; next: string | null; searched: boolean; first: boolean };

/** The results of "search all my mailboxes", each labelled with its mailbox and folder. */
export async function SearchResults({ q, hits, next, searched, first }: Props) {
  const t = await getTranslations("shared.search");
  const mail = await getTranslations("mail");
  const dates = await listDateFormat();
  const pageLink = (after?: string) =>
    `/mail/search?${new URLSearchParams({ q, scope: "all", ...(after ? { after } : {}) }).toString()}`;
  if (!q || !searched) return <p className="mt-6 text-slate-600">{t("enterWords")}</p>;
  if (hits.length === 0) {
    return (
      <p className="mt-6 text-slate-600">
        {t("noResults", { q })}{" "}
        {!first && (
          <Link className="text-brand-700 underline" href={pageLink()}>
            {t("first")}
          </Link>
        )}
      </p>
    );
  }
  return (
    <section aria-labelledby="search-results-heading" className="mt-6">
      <h2 id="search-results-heading" className="sr-only">
        {t("results")}
      </h2>
      <ul className="divide-y rounded border" data-testid="search-results">
        {hits.map((hit) => {
          const folder = hit.folder.kind === "user" ? hit.folder.name : mail(`folderKind.${hit.folder.kind}`);
          const href = `/mail/${encodeURIComponent(hit.mailbox.address)}/${hit.folder.segment}/${hit.id}`;
          return (
            <li key={`${hit.mailbox.id}-${hit.id}`} className={`px-4 py-2 ${hit.seen ? "" : "font-semibold"}`}>
              <div className="flex flex-wrap items-center gap-2 text-xs font-normal text-slate-600">
                <span className="rounded bg-brand-600/10 px-1.5 py-0.5 text-brand-700">
                  <span className="sr-only">{t("mailbox")}: </span>
                  {hit.mailbox.displayName}
                </span>
                <span>
                  <span className="sr-only">{t("folder")}: </span>
                  {folder}
                </span>
                {hit.conversationCount !== undefined && hit.conversationCount > 1 && (
                  <span className="mrow-count">{mail("conversations.count", { count: hit.conversationCount })}</span>
                )}
                <time dateTime={hit.receivedAt.toISOString()} className="ml-auto">
                  {dates.format(hit.receivedAt)}
                </time>
              </div>
              <Link href={href} className="mt-0.5 block hover:underline">
                <span className="block truncate text-sm">{hit.fromName || hit.fromAddress}</span>
                <span className="block truncate text-sm">{hit.subject || mail("noSubject")}</span>
              </Link>
              <div className="truncate text-xs font-normal text-slate-500">{hit.snippet}</div>
            </li>
          );
        })}
      </ul>
      <nav className="mt-3 flex gap-4 text-sm" aria-label={t("results")}>
        {!first && (
          <Link className="text-brand-700 underline" href={pageLink()}>
            {t("first")}
          </Link>
        )}
        {next && (
          <Link className="text-brand-700 underline" href={pageLink(next)}>
            {t("more")}
          </Link>
        )}
      </nav>
    </section>
  );
}
