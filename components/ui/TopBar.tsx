import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import type { PlainFormAction } from "@/components/form-action";
import type { Actor } from "@/lib/auth/actor";
import { LocaleSwitch } from "./LocaleSwitch";

type Props = { actor: Actor; actions: { signOut: PlainFormAction; setLocale: PlainFormAction } };

export async function TopBar({ actor, actions }: Props) {
  const t = await getTranslations("common");
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-1 bg-brand-700 px-4 py-2 text-white">
      <a href="#main" className="sr-only focus:not-sr-only">
        {t("skipToContent")}
      </a>
      <Link href="/mail" className="text-lg font-semibold">
        {t("appName")}
      </Link>
      <nav aria-label={t("appName")} className="flex gap-3 text-sm">
        <Link href="/mail">{t("mail")}</Link>
        <Link href="/mail/settings">{t("automation")}</Link>
        <Link href="/mail/sessions">{t("sessions")}</Link>
        <Link href="/mail/signatures">{t("signatures")}</Link>
        {actor.role === "admin" && <Link href="/admin">{t("admin")}</Link>}
      </nav>
      <div className="ml-auto flex min-w-0 flex-wrap items-center gap-3 text-sm">
        <span className="min-w-0 truncate">{t("signedInAs", { address: actor.address })}</span>
        <div className="rounded bg-white text-slate-900">
          <LocaleSwitch action={actions.setLocale} />
        </div>
        <form action={actions.signOut}>
          <button className="rounded border border-white/60 px-2 py-1 hover:bg-white/10">{t("signOut")}</button>
        </form>
      </div>
    </header>
  );
}
