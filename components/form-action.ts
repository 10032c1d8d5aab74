import type { ActionState } from "@/lib/forms/action-state";

/**
 * The shape of every server action a component is handed (useActionState's). Components never
 * import app/: the route that renders them passes its actions in as props.
 */
export type FormAction = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** A plain `<form action>` with no state to show (sign out, language switch). */
export type PlainFormAction = (formData: FormData) => Promise<void>;
