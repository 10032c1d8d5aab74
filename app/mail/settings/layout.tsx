import { ClientMessages, MAIL_SETTINGS_MESSAGES } from "@/components/i18n/ClientMessages";

/** The settings' strings go to the browser with this page only (not with every mail page). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={MAIL_SETTINGS_MESSAGES}>{children}</ClientMessages>;
}
