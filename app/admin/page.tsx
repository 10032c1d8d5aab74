import { getTranslations } from "next-intl/server";
import { requireAdminPage } from "@/lib/auth/current-actor";

export default async function AdminHome() {
  await requireAdminPage();
  const t = await getTranslations("admin");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <h2 className="mt-6 text-lg font-semibold">{t("sharedMailboxes")}</h2>
    </>
  );
}
