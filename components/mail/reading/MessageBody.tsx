import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { formatBytes } from "@/lib/format/bytes";
import type { ReadableMessage } from "@/lib/messages/parse-for-reading";

type Props = {
  /** The message's own URL (…/{folder}/{id}): the body frame, attachments and .eml hang under it. */
  base: string;
  subject: string;
  content: ReadableMessage;
  blockedImages: number;
  showImages: boolean;
  /** The same message with "show images" asked for. */
  showImagesHref: string;
  locale: string;
};

/** The message's body (text, or HTML in a sandboxed frame, remote images held back until asked for). */
export async function MessageBody(props: Omit<Props, "locale">) {
  const { base, subject, content, blockedImages, showImages, showImagesHref } = props;
  const t = await getTranslations("mail.reader");
  return (
    <>
      {blockedImages > 0 && !showImages && (
        <p
          className="flex flex-wrap items-center gap-2 border-b bg-amber-50 px-4 py-2 text-sm border-slate-200"
          data-testid="blocked-images"
        >
          {t("blockedImages", { count: blockedImages })}
          <Link href={showImagesHref} className="font-medium text-brand-700 underline">
            {t("showImages")}
          </Link>
        </p>
      )}
      {content.html !== null ? (
        <iframe
          title={t("frameTitle", { subject })}
          src={`${base}/body${showImages ? "?images=1" : ""}`}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          className="min-h-64 w-full flex-1 border-0"
        />
      ) : (
        <div className="flex-1 overflow-y-auto whitespace-pre-wrap break-words px-4 py-3 text-sm">{content.text}</div>
      )}
    </>
  );
}

/** The message's attachments, each downloadable, and the raw message as .eml. */
export async function AttachmentList({ base, content, locale }: Pick<Props, "base" | "content" | "locale">) {
  const t = await getTranslations("mail.reader");
  return (
    <footer className="space-y-1 border-t px-4 py-2 text-sm border-slate-200">
      {content.attachments.length > 0 && (
        <>
          <h4 className="font-medium">{t("attachments")}</h4>
          <ul className="flex flex-wrap gap-2">
            {content.attachments.map((a) => (
              <li key={a.index}>
                <a href={`${base}/attachments/${a.index}`} download className="text-brand-700 underline">
                  {t("download", { name: a.filename, size: formatBytes(a.size, locale) })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <a href={`${base}/raw`} download className="text-xs text-brand-700 underline">
        {t("downloadEml")}
      </a>
    </footer>
  );
}
