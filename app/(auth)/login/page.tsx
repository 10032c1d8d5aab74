import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/LoginForm";
import { LocaleSwitch } from "@/components/ui/LocaleSwitch";
import { currentActor } from "@/app/_lib/current-actor";
import { setLocale } from "@/app/actions";
import { login } from "./actions";

export default async function LoginPage() {
  if (await currentActor()) redirect("/mail");
  const t = await getTranslations("auth");
  return (
    <main id="main" className="mx-auto mt-24 max-w-sm rounded-lg bg-white p-8 shadow">
      <h1 className="mb-6 text-2xl font-semibold">{t("title")}</h1>
      <LoginForm action={login} />
      <div className="mt-6 flex justify-center">
        <LocaleSwitch action={setLocale} />
      </div>
    </main>
  );
}
