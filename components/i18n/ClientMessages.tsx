import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages } from "@/lib/i18n/client-messages";

export {
  ADMIN_MESSAGES,
  AUTH_MESSAGES,
  COMPOSE_MESSAGES,
  MAIL_MESSAGES,
  MAIL_SETTINGS_MESSAGES,
} from "@/lib/i18n/client-messages";

/**
 * Hands client components the messages one area of the app uses, not every string: the provider
 * serialises what it is given into each page's payload (the whole catalogue was 20 KB of JSON on
 * every page). A nested provider replaces its parent's messages.
 */
export async function ClientMessages({ paths, children }: { paths: readonly string[]; children: React.ReactNode }) {
  const messages = pickMessages((await getMessages()) as Record<string, unknown>, paths);
  return <NextIntlClientProvider messages={messages as never}>{children}</NextIntlClientProvider>;
}
