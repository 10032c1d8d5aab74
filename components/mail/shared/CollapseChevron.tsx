import { COLLAPSE_FORM_ID } from "./collapse-form";

/**
 * A chevron of the folder pane: submits the pane's one collapse form with `value` (what it asks).
 * Its size, and its turn when collapsed, are in app/globals.css (.pane-chevron).
 */
export function CollapseChevron({ value, expanded, label }: { value: string; expanded: boolean; label: string }) {
  return (
    <button
      type="submit"
      form={COLLAPSE_FORM_ID}
      name="toggle"
      value={value}
      aria-expanded={expanded}
      aria-label={label}
      className="pane-chevron"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16">
        <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
    </button>
  );
}
