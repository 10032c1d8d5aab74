import { getTranslations } from "next-intl/server";
import type { PlainFormAction } from "@/components/form-action";
import { CollapseChevron } from "./CollapseChevron";
import { COLLAPSE_FORM_ID } from "./collapse-form";

/**
 * The one form every collapse button of the folder pane submits (a plain form, so the buttons work
 * before JavaScript loads): each button names what it folds and what it asks, `mailbox:<id>:1` to
 * collapse a mailbox, `mailbox:<id>:0` to expand it, `folder:<id>:1` / `folder:<id>:0` for a folder's
 * subfolders (FolderLinks).
 * One form for the pane, not one per mailbox: a server action's form carries its hidden fields in
 * the page.
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
    <CollapseChevron value={`mailbox:${mailboxId}:${collapsed ? "0" : "1"}`} expanded={!collapsed} label={label} />
  );
}
