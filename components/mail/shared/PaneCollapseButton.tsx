import { getTranslations } from "next-intl/server";
import type { PlainFormAction } from "@/components/form-action";

/**
 * The chevron before a mailbox's name in the folder pane: collapses its folders or shows them
 * again, for this person only (remembered). A plain form, so it works before JavaScript loads.
 */
export async function PaneCollapseButton({
  mailboxId,
  name,
  collapsed,
  controls,
  action,
}: {
  mailboxId: string;
  name: string;
  collapsed: boolean;
  /** The id of the element holding its folders (shown when expanded). */
  controls: string;
  action: PlainFormAction;
}) {
  const t = await getTranslations("shared");
  const label = t(collapsed ? "expandNamed" : "collapseNamed", { name });
  return (
    <form action={action} className="shrink-0">
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <input type="hidden" name="collapsed" value={collapsed ? "0" : "1"} />
      <button
        type="submit"
        aria-expanded={!collapsed}
        aria-controls={collapsed ? undefined : controls}
        aria-label={label}
        title={label}
        className="rounded p-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          className={`h-3 w-3${collapsed ? " -rotate-90" : ""}`}
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M4 6l4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
    </form>
  );
}
