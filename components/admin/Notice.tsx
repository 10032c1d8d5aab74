import { getTranslations } from "next-intl/server";
import { NOTICES, type Notice as NoticeKey } from "@/lib/admin/notices";

/** The confirmation shown after a redirect (created, deleted…), from the query string. */
export async function Notice({ notice, address }: { notice?: string; address?: string }) {
  if (!notice || !NOTICES.includes(notice as NoticeKey)) return null;
  const t = await getTranslations("admin.done");
  return (
    <p role="status" data-testid="notice" className="rounded bg-green-50 p-3 text-sm text-green-900">
      {t(notice as NoticeKey, { address: (address ?? "").slice(0, 320) })}
    </p>
  );
}
