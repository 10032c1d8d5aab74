import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

export {
  ADMIN_NAMESPACES,
  AUTH_NAMESPACES,
  COMPOSE_NAMESPACES,
  MAIL_NAMESPACES,
  MAIL_SETTINGS_NAMESPACES,
} from "@/lib/i18n/client-namespaces";

/**
 * Hands client components the message namespaces of one area of the app, not every string: the
 * provider serialises what it is given into each page's payload (all namespaces were 20 KB of
 * JSON on every page). A nested provider replaces its parent's messages.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: string[]; children: React.ReactNode }) {
  const all = (await getMessages()) as Record<string, unknown>;
  const messages = Object.fromEntries(namespaces.filter((n) => n in all).map((n) => [n, all[n]]));
  return <NextIntlClientProvider messages={messages as never}>{children}</NextIntlClientProvider>;
}
