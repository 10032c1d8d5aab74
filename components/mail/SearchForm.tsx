import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";

type Props = { action: string; query: string; scope: "folder" | "mailbox" };

/** A plain GET form: the search is in the URL, so it can be paged, shared and reloaded. */
export async function SearchForm({ action, query, scope }: Props) {
  const t = await getTranslations("mail.search");
  return (
    <form role="search" action={action} method="get" className="flex flex-wrap items-end gap-2">
      <div className="min-w-40 flex-1">
        <label htmlFor="mail-search" className="sr-only">
          {t("label")}
        </label>
        <input
          id="mail-search"
          type="search"
          name="q"
          defaultValue={query}
          maxLength={200}
          placeholder={t("placeholder")}
          aria-describedby="mail-search-help"
          className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
        />
      </div>
      <div>
        <label htmlFor="mail-search-scope" className="sr-only">
          {t("scope")}
        </label>
        <select
          id="mail-search-scope"
          name="scope"
          defaultValue={scope}
          className="rounded border border-slate-300 px-2 py-1 text-sm"
        >
          <option value="folder">{t("scopeFolder")}</option>
          <option value="mailbox">{t("scopeMailbox")}</option>
        </select>
      </div>
      <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-sm text-white hover:bg-slate-700">
        {t("submit")}
      </button>
      {query && (
        <Link href={action} className="text-sm text-brand-700 underline">
          {t("clear")}
        </Link>
      )}
      <details className="w-full text-xs text-slate-600">
        <summary className="cursor-pointer">{t("helpSummary")}</summary>
        <p id="mail-search-help" className="mt-1">
          {t("help")}
        </p>
      </details>
    </form>
  );
}
