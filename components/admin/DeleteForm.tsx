"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/forms/action-state";
import { FormMessage } from "./form/FormMessage";
import { SubmitButton } from "./form/SubmitButton";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  id: string;
  label: string;
  pendingLabel: string;
};

/** The last step of a deletion: the page above says what goes; this button does it. */
export function DeleteForm({ action, id, label, pendingLabel }: Props) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <FormMessage state={state} />
      <SubmitButton variant="danger" pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
    </form>
  );
}
