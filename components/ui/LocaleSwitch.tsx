import { getLocale, getTranslations } from "next-intl/server";
import type { PlainFormAction } from "@/components/form-action";
import { languageOf } from "@/lib/i18n/locales";

/** Plain form: works before JavaScript loads. */
export async function LocaleSwitch({ action }: { action: PlainFormAction }) {
  const [t, formatting] = await Promise.all([getTranslations("common"), getLocale()]);
  const locale = languageOf(formatting);
  return (
    <form action={action} className="flex items-center gap-1 text-sm" aria-label={t("language")}>
      {(["en", "fr"] as const).map((l) => (
        <button
          key={l}
          name="locale"
          value={l}
          lang={l}
          aria-pressed={locale === l}
          className={`rounded px-2 py-1 ${locale === l ? "bg-slate-200 font-semibold" : "hover:bg-slate-100"}`}
        >
          {l === "en" ? t("english") : t("french")}
        </button>
      ))}
    </form>
  );
}
