/** The list filters of a shared mailbox's conversations: assigned to me, to nobody, not done, done. */
export const TRIAGE_FILTERS = ["mine", "unassigned", "open", "done"] as const;
export type TriageFilter = (typeof TRIAGE_FILTERS)[number];
