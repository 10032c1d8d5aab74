import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { UserCreateForm } from "@/components/admin/users/UserCreateForm";
import { getDb } from "@/db/client";
import { listOrgDomains } from "@/lib/admin/mailboxes/org-domains";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { createUserAction } from "../actions";

export default async function NewUserPage() {
  const actor = await requireAdminPage();
  const [domains, t] = await Promise.all([listOrgDomains(getDb(), actor), getTranslations("admin")]);
  return (
    <>
      <Link href="/admin/users" className="text-sm text-brand-600 underline">
        {t("backToUsers")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("users.add")}</h1>
      <UserCreateForm action={createUserAction} domains={domains} />
    </>
  );
}
