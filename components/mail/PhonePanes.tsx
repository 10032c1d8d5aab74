import { getTranslations } from "next-intl/server";

/**
 * The phone layout (under 768 px, app/globals.css): one pane at a time. The URL tells whether a
 * message is open (its pane then hides the list); this checkbox, before the panes, tells whether
 * the folders are shown instead of the list. Plain HTML and CSS, so it works before JavaScript
 * loads; the folder layout renders it again unchecked when another folder opens.
 */
export const SHOW_FOLDERS_ID = "show-folders";

export async function PhonePaneSwitch() {
  const t = await getTranslations("mail.phone");
  return (
    <input
      type="checkbox"
      id={SHOW_FOLDERS_ID}
      className="phone-switch sr-only md:hidden"
      aria-label={t("showFolders")}
    />
  );
}

const controlClass =
  "phone-control inline-flex shrink-0 cursor-pointer items-center gap-1 rounded border border-slate-300 bg-white " +
  "px-2 py-1 text-xs hover:bg-slate-100 md:hidden";

/** In the list's header: shows the folders (phone only). */
export async function ShowFoldersControl() {
  const t = await getTranslations("mail.phone");
  return (
    <label htmlFor={SHOW_FOLDERS_ID} className={controlClass} data-testid="show-folders">
      <span aria-hidden="true">☰</span> {t("folders")}
    </label>
  );
}

/** At the top of the folder pane: back to the list (phone only). */
export async function HideFoldersControl() {
  const t = await getTranslations("mail.phone");
  return (
    <label htmlFor={SHOW_FOLDERS_ID} className={controlClass} data-testid="hide-folders">
      <span aria-hidden="true">←</span> {t("backToList")}
    </label>
  );
}
