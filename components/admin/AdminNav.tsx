"use client";

import Link from "@/components/ui/Link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const LINKS = [
  { href: "/admin", key: "shared", match: (p: string) => p === "/admin" || p.startsWith("/admin/shared") },
  { href: "/admin/users", key: "users", match: (p: string) => p.startsWith("/admin/users") },
  { href: "/admin/organization", key: "organization", match: (p: string) => p.startsWith("/admin/organization") },
  { href: "/admin/outbound", key: "outbound", match: (p: string) => p.startsWith("/admin/outbound") },
  { href: "/admin/audit", key: "audit", match: (p: string) => p.startsWith("/admin/audit") },
] as const;

/** The admin area's sections. */
export function AdminNav() {
  const t = useTranslations("admin.nav");
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label={t("label")} className="border-b bg-white">
      <ul className="mx-auto flex max-w-6xl flex-wrap gap-1 px-6 max-md:px-2">
        {LINKS.map((l) => {
          const current = l.match(pathname);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm ${
                  current ? "border-brand-600 " + "font-semibold" : "border-transparent hover:bg-slate-100"
                }`}
              >
                {t(l.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
