import { ClientMessages, COMPOSE_MESSAGES } from "@/components/i18n/ClientMessages";

/** Compose's strings go to the browser with its pages only (not with every mail page). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={COMPOSE_MESSAGES}>{children}</ClientMessages>;
}
