"use client";

import { useImperativeHandle, useRef, useState, type Ref } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import type { SharedFolderActions } from "../mail-actions";
import { AddSharedFolderForm, type Suggestion } from "./AddSharedFolderForm";

export type AddSharedFolderDialogHandle = { open: () => void };

/**
 * The Add shared folder dialog: a native modal <dialog> (focus is trapped inside, Escape closes
 * it, focus returns to what opened it). Suggestions are loaded when it opens; mailboxes already
 * in the folder tree are left out.
 */
export function AddSharedFolderDialog({
  inTree,
  onAdded,
  ref,
  actions,
}: {
  inTree: string[];
  onAdded: (state: NonNullable<ActionState>) => void;
  ref: Ref<AddSharedFolderDialogHandle>;
  actions: Pick<SharedFolderActions, "add" | "loadAddable">;
}) {
  const t = useTranslations("shared");
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);

  useImperativeHandle(ref, () => ({
    open() {
      setRound((n) => n + 1);
      setOpen(true);
      dialog.current?.showModal();
      actions
        .loadAddable()
        .then((list) => setSuggestions(list.filter((s) => !inTree.includes(s.address))))
        .catch(() => setSuggestions([]));
    },
  }));

  const close = () => dialog.current?.close();

  return (
    <dialog
      ref={dialog}
      aria-labelledby="add-shared-folder-title"
      onClose={() => setOpen(false)}
      className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id="add-shared-folder-title" className="text-lg font-semibold">
        {t("dialogTitle")}
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-600">{t("dialogIntro")}</p>
      {open && (
        <AddSharedFolderForm
          key={round}
          autoFocus
          suggestions={suggestions}
          action={actions.add}
          onCancel={close}
          onAdded={(state) => {
            close();
            onAdded(state);
          }}
        />
      )}
    </dialog>
  );
}
