/** The id of the folder pane's one collapse form (PaneCollapseForm), which every chevron submits. */
export const COLLAPSE_FORM_ID = "pane-collapse";
