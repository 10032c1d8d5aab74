import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/LoginForm";
import { LocaleSwitch } from "@/components/ui/LocaleSwitch";
import { currentActor } from "@/app/_lib/current-actor";
import { setLocale } from "@/app/actions";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { login } from "./actions";

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams;
  const next = safeCallbackPath(callbackUrl);
  if (await currentActor()) redirect(next);
  const t = await getTranslations("auth");
  return (
    <main id="main" className="mx-auto mt-24 max-w-sm rounded-lg bg-white p-8 shadow">
      <h1 className="mb-6 text-2xl font-semibold">{t("title")}</h1>
      <LoginForm action={login} callbackUrl={next} />
      <div className="mt-6 flex justify-center">
        <LocaleSwitch action={setLocale} />
      </div>
    </main>
  );
}
