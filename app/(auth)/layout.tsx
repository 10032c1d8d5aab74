import { AUTH_MESSAGES, ClientMessages } from "@/components/i18n/ClientMessages";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={AUTH_MESSAGES}>{children}</ClientMessages>;
}
