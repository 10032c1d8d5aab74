import { getTranslations } from "next-intl/server";

/** "Search all my mailboxes": a plain GET form to /mail/search?q=…&scope=all. */
export async function SearchAllForm({ q = "", id = "search-all" }: { q?: string; id?: string }) {
  const t = await getTranslations("shared.search");
  return (
    <form role="search" action="/mail/search" method="get" className="flex gap-1 px-3 py-3">
      <input type="hidden" name="scope" value="all" />
      <label htmlFor={id} className="sr-only">
        {t("label")}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={q}
        placeholder={t("label")}
        maxLength={200}
        className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
      />
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
        {t("submit")}
      </button>
    </form>
  );
}
