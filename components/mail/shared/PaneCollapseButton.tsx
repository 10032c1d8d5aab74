import { getTranslations } from "next-intl/server";
import type { PlainFormAction } from "@/components/form-action";

export const COLLAPSE_FORM_ID = "pane-collapse";

/**
 * The one form every collapse button of the folder pane submits (a plain form, so the buttons work
 * before JavaScript loads): each button names its mailbox and what it asks, `<id>:1` to collapse,
 * `<id>:0` to expand. One form for the pane, not one per mailbox: a server action's form carries
 * its hidden fields in the page.
 */
export function PaneCollapseForm({ action }: { action: PlainFormAction }) {
  return <form id={COLLAPSE_FORM_ID} action={action} hidden />;
}

/**
 * The chevron before a mailbox's name in the folder pane: collapses its folders or shows them
 * again, for this person only (remembered).
 */
export async function PaneCollapseButton({
  mailboxId,
  name,
  collapsed,
}: {
  mailboxId: string;
  name: string;
  collapsed: boolean;
}) {
  const t = await getTranslations("shared");
  const label = t(collapsed ? "expandNamed" : "collapseNamed", { name });
  return (
    <button
      type="submit"
      form={COLLAPSE_FORM_ID}
      name="toggle"
      value={`${mailboxId}:${collapsed ? "0" : "1"}`}
      aria-expanded={!collapsed}
      aria-label={label}
      className="pane-chevron"
    >
      {/* Its size, and its turn when collapsed, are in app/globals.css (.pane-chevron): the pane has several. */}
      <svg aria-hidden="true" viewBox="0 0 16 16">
        <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
    </button>
  );
}
