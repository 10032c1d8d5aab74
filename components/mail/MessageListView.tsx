"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { flushSync } from "react-dom";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { ActionStatus } from "./ActionStatus";
import { FlagIcon, PaperclipIcon } from "./Icons";
import { MoveSelect, type FolderOption } from "./MoveSelect";

export type ListItem = {
  id: string;
  href: string;
  /** Sender, or "To: …" in Sent Items and Drafts. */
  who: string;
  subject: string;
  snippet: string;
  dateLabel: string;
  dateIso: string;
  seen: boolean;
  flagged: boolean;
  hasAttachments: boolean;
  isDraft: boolean;
  /** The folder, when the list spans several (a mailbox-wide search). */
  folderLabel?: string;
};

type Props = {
  items: ListItem[];
  openId: string | null;
  moveTargets: FolderOption[];
  /** Hidden fields every submission carries: mailbox, folder, the list's search and page, open message. */
  hidden: Record<string, string>;
  deleteForGood: boolean;
  emptyText: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

const noSubscribe = () => () => {};
const button =
  "rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100 disabled:cursor-not-allowed " +
  "disabled:opacity-50";

/**
 * The message list: a form of checkboxes with a toolbar of actions, so it all works as plain HTML
 * before JavaScript loads. JavaScript adds the selection count, select all, pending states and
 * shortcuts (j/k or arrows to move, x to select, Delete to delete, / to search).
 */
export function MessageListView({ items, openId, moveTargets, hidden, deleteForGood, emptyText, action }: Props) {
  const t = useTranslations("mail.list");
  const tMail = useTranslations("mail");
  const [state, formAction, pending] = useActionState(action, null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [answered, setAnswered] = useState<ActionState>(null);
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const formRef = useRef<HTMLFormElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);

  // A new answer that succeeded: the selection has been acted on.
  if (state !== answered) {
    setAnswered(state);
    if (state?.ok) setSelected(new Set());
  }

  const visible = items.filter((i) => selected.has(i.id));
  const count = visible.length;
  const all = items.length > 0 && count === items.length;
  const none = hydrated && count === 0;

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = count > 0 && !all;
  }, [count, all]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== "/" || target?.closest("input, textarea, select, [contenteditable]")) return;
      const search = document.getElementById("mail-search");
      if (search) {
        event.preventDefault();
        search.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const toggle = (id: string, on?: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  function onListKey(event: KeyboardEvent<HTMLUListElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const rows = [...event.currentTarget.querySelectorAll<HTMLElement>("[data-row]")];
    const index = rows.findIndex((r) => r.contains(document.activeElement));
    const row = rows[index];
    const focusRow = (i: number) => rows[i]?.querySelector<HTMLElement>("a")?.focus();
    switch (event.key) {
      case "j":
      case "ArrowDown":
        event.preventDefault();
        focusRow(Math.min(index + 1, rows.length - 1));
        break;
      case "k":
      case "ArrowUp":
        event.preventDefault();
        focusRow(Math.max(index - 1, 0));
        break;
      case "x":
        if (row?.dataset.row) {
          event.preventDefault();
          toggle(row.dataset.row);
        }
        break;
      case "Delete":
        if (count === 0 && row?.dataset.row) flushSync(() => toggle(row.dataset.row!, true));
        if (count > 0 || row) {
          event.preventDefault();
          formRef.current?.requestSubmit(deleteRef.current);
        }
        break;
    }
  }

  if (items.length === 0) return <p className="p-6 text-slate-500">{emptyText}</p>;
  // The same few words on every row: looked up once, not fifty times.
  const label = { unread: t("unread"), draft: t("draft"), hasAttachments: t("hasAttachments"), flagged: t("flagged") };

  return (
    <form ref={formRef} action={formAction} aria-busy={pending} className="flex min-h-0 flex-1 flex-col">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div
        role="toolbar"
        aria-label={t("actions")}
        className="flex flex-wrap items-center gap-1 border-b px-4 py-2 border-slate-200"
      >
        <input
          ref={selectAllRef}
          type="checkbox"
          aria-label={t("selectAll")}
          checked={all}
          onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())}
          className="mr-1"
        />
        <span className="mr-2 text-xs text-slate-600" data-testid="selection-count">
          {pending ? t("working") : t("selected", { count })}
        </span>
        <button type="submit" name="op" value="read" disabled={none || pending} className={button}>
          {t("markRead")}
        </button>
        <button type="submit" name="op" value="unread" disabled={none || pending} className={button}>
          {t("markUnread")}
        </button>
        <button type="submit" name="op" value="flag" disabled={none || pending} className={button}>
          {t("flag")}
        </button>
        <button type="submit" name="op" value="unflag" disabled={none || pending} className={button}>
          {t("unflag")}
        </button>
        <button ref={deleteRef} type="submit" name="op" value="delete" disabled={none || pending} className={button}>
          {deleteForGood ? t("deleteForGood") : t("delete")}
        </button>
        <MoveSelect id="list-move-target" options={moveTargets} disabled={none || pending} />
      </div>
      <ActionStatus state={state} className="px-4" />
      <ul
        id="message-rows"
        className="min-h-0 flex-1 divide-y overflow-y-auto divide-slate-200"
        aria-label={tMail("messages")}
        onKeyDown={onListKey}
      >
        {items.map((m) => {
          const open = m.id === openId;
          return (
            <li
              key={m.id}
              data-row={m.id}
              data-unread={!m.seen}
              className={
                `flex items-start gap-2 px-4 py-2 ${open ? "bg-brand-600/10" : ""} ` +
                `${m.seen ? "" : "font-semibold"}`
              }
            >
              <input
                type="checkbox"
                name="ids[]"
                value={m.id}
                checked={selected.has(m.id)}
                onChange={(e) => toggle(m.id, e.target.checked)}
                aria-labelledby={`select-label subject-${m.id}`}
                className="mt-1"
              />
              <Link
                href={m.href}
                prefetch={false}
                aria-current={open ? "true" : undefined}
                className="block min-w-0 flex-1"
              >
                <span className="flex justify-between gap-2 text-sm">
                  <span className="truncate">
                    {!m.seen && <span className="sr-only">{label.unread}: </span>}
                    {m.isDraft && <span className="mr-1 text-red-700">[{label.draft}]</span>}
                    {m.who}
                  </span>
                  <span className="flex shrink-0 items-center gap-1 text-xs font-normal text-slate-500">
                    {m.hasAttachments && (
                      <span title={label.hasAttachments}>
                        <PaperclipIcon />
                        <span className="sr-only">{label.hasAttachments}</span>
                      </span>
                    )}
                    {m.flagged && (
                      <span title={label.flagged} className="text-red-600">
                        <FlagIcon />
                        <span className="sr-only">{label.flagged}</span>
                      </span>
                    )}
                    <time dateTime={m.dateIso}>{m.dateLabel}</time>
                  </span>
                </span>
                <span id={`subject-${m.id}`} className="block truncate text-sm">
                  {m.subject}
                </span>
                <span className="block truncate text-xs font-normal text-slate-500">
                  {m.folderLabel && (
                    <span className="mr-1 rounded bg-slate-100 px-1">{t("inFolder", { folder: m.folderLabel })}</span>
                  )}
                  {m.snippet}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      <p className="sr-only">{t("shortcuts")}</p>
      <span id="select-label" hidden>
        {t("selectLabel")}
      </span>
    </form>
  );
}
