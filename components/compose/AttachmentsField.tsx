"use client";

import { useLocale, useTranslations } from "next-intl";
import type { KeptAttachment } from "@/lib/compose/prefill";
import { MAX_ATTACHMENT_BYTES } from "@/lib/compose/limits";
import { formatBytes } from "@/lib/format/bytes";

type Props = {
  kept: KeptAttachment[];
  /** Ids of the texts describing the file input (hint, error). */
  describedBy?: string;
  hintId: string;
  invalid: boolean;
  onChange: () => void;
};

/**
 * Attachments: the files of the forwarded message or reopened draft (kept unless unticked) and new
 * files. Each checkbox carries its size, so the form can check the total before uploading.
 */
export function AttachmentsField({ kept, describedBy, hintId, invalid, onChange }: Props) {
  const t = useTranslations("compose");
  const locale = useLocale();
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{t("attachments")}</legend>
      {kept.length > 0 && (
        <ul aria-label={t("keptAttachments")} className="space-y-1">
          {kept.map((a) => (
            <li key={a.index}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="keep[]"
                  value={a.index}
                  defaultChecked
                  data-size={a.size}
                  onChange={onChange}
                />
                {t("keepAttachment", { filename: a.filename, size: formatBytes(a.size, locale) })}
              </label>
            </li>
          ))}
        </ul>
      )}
      <div>
        <label htmlFor="compose-attachments" className="block text-sm">
          {t("addFiles")}
        </label>
        <input
          id="compose-attachments"
          name="attachments[]"
          type="file"
          multiple
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={onChange}
          className="mt-1 block text-sm"
        />
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {t("attachmentsHint", { limit: formatBytes(MAX_ATTACHMENT_BYTES, locale) })}
        </p>
      </div>
    </fieldset>
  );
}

/** The total size of what the form would upload or keep. */
export function attachmentBytes(form: HTMLFormElement): number {
  const files = Array.from(form.querySelectorAll<HTMLInputElement>('input[type="file"][name="attachments[]"]')).flatMap(
    (input) => Array.from(input.files ?? []),
  );
  const kept = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="keep[]"]:checked')).map(
    (el) => Number(el.dataset.size) || 0,
  );
  return files.reduce((sum, f) => sum + f.size, 0) + kept.reduce((sum, n) => sum + n, 0);
}

export const tooLarge = (form: HTMLFormElement) => attachmentBytes(form) > MAX_ATTACHMENT_BYTES;
