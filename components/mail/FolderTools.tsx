"use client";

import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { ActionStatus, FieldErrors } from "./ActionStatus";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Option = { id: string; label: string };

type Props = {
  mailbox: string;
  options: Option[];
  /** Where the current folder may move: every folder but itself and those below it. */
  moveTargets: Option[];
  current: { id: string; name: string; isUser: boolean; parentId: string | null; inDeletedItems: boolean };
  actions: { create: Action; rename: Action; move: Action; remove: Action };
};

const input = "mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm";
const button = "rounded bg-slate-800 px-2 py-1 text-xs font-medium text-white hover:bg-slate-700 disabled:opacity-60";

type SelectProps = { id: string; options: Option[]; defaultValue: string; state: ActionState; label: string };

function ParentSelect({ id, options, defaultValue, state, label }: SelectProps) {
  const errors = state?.fieldErrors?.parentId;
  const t = useTranslations("mail.folderForm");
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium">
        {label}
      </label>
      <select
        id={id}
        name="parentId"
        defaultValue={defaultValue}
        className={input}
        aria-invalid={Boolean(errors)}
        aria-describedby={errors ? `${id}-error` : undefined}
      >
        <option value="">{t("topLevel")}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${id}-error`} errors={errors} values={state?.values} />
    </div>
  );
}

function NameInput({
  id,
  label,
  defaultValue,
  errors,
}: {
  id: string;
  label: string;
  defaultValue?: string;
  errors?: string[];
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium">
        {label}
      </label>
      <input
        id={id}
        name="name"
        required
        maxLength={100}
        defaultValue={defaultValue}
        className={input}
        aria-invalid={Boolean(errors)}
        aria-describedby={errors ? `${id}-error` : undefined}
      />
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** New folder; and for a user folder: rename, move, delete. Plain forms, enhanced when JS runs. */
export function FolderTools({ mailbox, options, moveTargets, current, actions }: Props) {
  const t = useTranslations("mail.folderForm");
  const uid = useId();
  const [created, create, creating] = useActionState(actions.create, null);
  const [renamed, rename, renaming] = useActionState(actions.rename, null);
  const [moved, move, moving] = useActionState(actions.move, null);
  const [removed, remove, removing] = useActionState(actions.remove, null);
  return (
    <div className="space-y-1 border-t px-3 py-2 text-sm border-slate-200">
      <details>
        <summary className="cursor-pointer text-brand-700">{t("new")}</summary>
        <form action={create} className="mt-2 space-y-2" aria-busy={creating}>
          <input type="hidden" name="mailbox" value={mailbox} />
          <NameInput id={`${uid}-new-name`} label={t("name")} errors={created?.fieldErrors?.name} />
          <ParentSelect
            id={`${uid}-new-parent`}
            options={options}
            defaultValue=""
            state={created}
            label={t("parent")}
          />
          <button type="submit" disabled={creating} className={button}>
            {creating ? t("working") : t("create")}
          </button>
          <ActionStatus state={created} />
        </form>
      </details>
      {current.isUser && (
        <details>
          <summary className="cursor-pointer text-brand-700">{t("manage")}</summary>
          <form action={rename} className="mt-2 space-y-2" aria-busy={renaming}>
            <input type="hidden" name="mailbox" value={mailbox} />
            <input type="hidden" name="folderId" value={current.id} />
            <NameInput
              id={`${uid}-rename`}
              label={t("newName")}
              defaultValue={current.name}
              errors={renamed?.fieldErrors?.name}
            />
            <button type="submit" disabled={renaming} className={button}>
              {renaming ? t("working") : t("rename")}
            </button>
            <ActionStatus state={renamed} />
          </form>
          <form action={move} className="mt-3 space-y-2" aria-busy={moving}>
            <input type="hidden" name="mailbox" value={mailbox} />
            <input type="hidden" name="folderId" value={current.id} />
            <ParentSelect
              id={`${uid}-move`}
              options={moveTargets}
              defaultValue={current.parentId ?? ""}
              state={moved}
              label={t("moveUnder")}
            />
            <button type="submit" disabled={moving} className={button}>
              {moving ? t("working") : t("move")}
            </button>
            <ActionStatus state={moved} />
          </form>
          <form action={remove} className="mt-3 space-y-2" aria-busy={removing}>
            <input type="hidden" name="mailbox" value={mailbox} />
            <input type="hidden" name="folderId" value={current.id} />
            <p className="text-xs text-slate-600">
              {current.inDeletedItems ? t("deleteExplainForGood") : t("deleteExplain")}
            </p>
            <button type="submit" disabled={removing} className={`${button} bg-red-700 hover:bg-red-800`}>
              {removing ? t("working") : t("deleteConfirm")}
            </button>
            <ActionStatus state={removed} />
          </form>
        </details>
      )}
    </div>
  );
}
