import { ClientMessages, MAIL_MESSAGES } from "@/components/i18n/ClientMessages";
import { LiveMailStream } from "@/components/mail/LiveMail";
import { TopBar } from "@/components/ui/TopBar";
import { setLocale, signOutAction } from "@/app/actions";
import { requireActor } from "@/app/_lib/current-actor";

export default async function MailLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <ClientMessages paths={MAIL_MESSAGES}>
      <div className="flex h-screen flex-col">
        <TopBar actor={actor} actions={{ signOut: signOutAction, setLocale }} />
        {children}
        <LiveMailStream />
      </div>
    </ClientMessages>
  );
}
