/** The chevron of a collapse button; its size, and its turn when collapsed, are in app/globals.css (.pane-chevron). */
export function ChevronIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16">
      <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
