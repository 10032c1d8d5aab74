"use client";

import { useActionState, useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import { ActionStatus, FieldErrors } from "../ActionStatus";

export type ShownNote = {
  id: string;
  messageId: string;
  authorName: string;
  own: boolean;
  body: string;
  /** ISO date. */
  createdAt: string;
};

type Props = {
  mailbox: string;
  messageId: string;
  notes: ShownNote[];
  locale: string;
  actions: { add: FormAction; remove: FormAction };
};

/**
 * A shared mailbox's internal notes on the open message's conversation, and the form that adds one
 * (plain forms: they work before JavaScript loads). What was typed stays until the note is saved.
 */
export function InternalNotes({ mailbox, messageId, notes, locale, actions }: Props) {
  const t = useTranslations("mail.notes");
  const id = useId();
  const [state, add, pending] = useActionState(actions.add, null);
  const [body, setBody] = useState("");
  useEffect(() => {
    if (state?.ok) setBody("");
  }, [state]);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const errors = state?.fieldErrors?.body;

  return (
    <section aria-labelledby={`${id}-heading`} className="border-t border-amber-200 bg-amber-50 px-4 py-3 text-sm">
      <h4 id={`${id}-heading`} className="font-semibold text-amber-900">
        {t("heading")}
      </h4>
      <p className="text-xs text-amber-800">{t("hint")}</p>
      {notes.length === 0 ? (
        <p className="mt-2 text-slate-600">{t("none")}</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {notes.map((note) => (
            <li key={note.id} className="rounded border border-amber-200 bg-white p-2" data-testid="internal-note">
              <p className="text-xs text-slate-600">
                {t("by", { author: note.authorName, date: date.format(new Date(note.createdAt)) })}
                {note.messageId !== messageId && <> · {t("onOther")}</>}
              </p>
              <p className="whitespace-pre-wrap break-words">{note.body}</p>
              {note.own && <DeleteNote mailbox={mailbox} note={note} action={actions.remove} />}
            </li>
          ))}
        </ul>
      )}
      <form action={add} className="mt-3 space-y-1">
        <input type="hidden" name="mailbox" value={mailbox} />
        <input type="hidden" name="messageId" value={messageId} />
        <label htmlFor={`${id}-body`} className="block text-xs font-medium text-slate-700">
          {t("label")}
        </label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={2}
          maxLength={4000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-body-error` : undefined}
          className="w-full rounded border border-slate-300 px-2 py-1"
        />
        <FieldErrors id={`${id}-body-error`} errors={errors} />
        <div className="flex items-center gap-2">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-amber-700 px-3 py-1 text-xs font-medium text-white hover:bg-amber-800"
          >
            {pending ? t("adding") : t("add")}
          </button>
          {state?.ok ? (
            <p role="status" className="text-xs text-green-800">
              {t("added")}
            </p>
          ) : (
            <ActionStatus state={errors ? null : state} className="text-xs" />
          )}
        </div>
      </form>
    </section>
  );
}

function DeleteNote({ mailbox, note, action }: { mailbox: string; note: ShownNote; action: FormAction }) {
  const t = useTranslations("mail.notes");
  const [state, remove, pending] = useActionState(action, null);
  return (
    <form action={remove} className="mt-1">
      <input type="hidden" name="mailbox" value={mailbox} />
      <input type="hidden" name="noteId" value={note.id} />
      <button
        type="submit"
        disabled={pending}
        aria-label={t("deleteNote", { author: note.authorName })}
        className="text-xs text-red-700 underline"
      >
        {t("delete")}
      </button>
      {state && !state.ok && <ActionStatus state={state} className="text-xs" />}
    </form>
  );
}
