import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg bg-white p-8 shadow">
      <h1 className="text-xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("notFoundText")}</p>
      <Link className="mt-4 inline-block text-brand-600 underline" href="/mail">
        {t("backToMail")}
      </Link>
    </main>
  );
}
