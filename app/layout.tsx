import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AUTH_NAMESPACES, ClientMessages } from "@/components/i18n/ClientMessages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("appName") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <ClientMessages namespaces={AUTH_NAMESPACES}>{children}</ClientMessages>
      </body>
    </html>
  );
}
