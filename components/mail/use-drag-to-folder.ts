"use client";

import { startTransition, useEffect } from "react";

/** The messages being dragged from this page's list, and their mailbox. */
let dragging: { mailbox: string; ids: string[] } | null = null;

const DROP_CLASS = "drop-over";

/** Starts dragging rows: the selection if the row is in it, else the row alone. */
export function startDrag(event: React.DragEvent, mailbox: string, ids: string[]) {
  dragging = { mailbox, ids };
  event.dataTransfer.effectAllowed = "move";
  event.dataTransfer.setData("text/plain", ids.join("\n"));
}

export function endDrag() {
  dragging = null;
}

/** The folder link under the pointer that takes the dragged messages (of any mailbox in the pane). */
function dropTarget(event: DragEvent): HTMLElement | null {
  const link = (event.target as HTMLElement | null)?.closest<HTMLElement>("[data-drop-folder-id]");
  return link && dragging ? link : null;
}

/**
 * Dragging messages from the list onto a folder in the folder pane (of their mailbox, or of another:
 * one's own, a shared mailbox's) moves them there: the list's own move action, with the folder dropped
 * on as the target and its mailbox — the server checks the rights on both as for the Move menu.
 */
export function useDragToFolder(move: (data: FormData) => void, hidden: Record<string, string>) {
  useEffect(() => {
    let over: HTMLElement | null = null;
    const mark = (link: HTMLElement | null) => {
      if (over === link) return;
      over?.classList.remove(DROP_CLASS);
      link?.classList.add(DROP_CLASS);
      over = link;
    };
    const onOver = (event: DragEvent) => {
      const link = dropTarget(event);
      mark(link);
      if (!link) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "move";
    };
    const onDrop = (event: DragEvent) => {
      const link = dropTarget(event);
      mark(null);
      if (!link || !dragging) return;
      event.preventDefault();
      const data = new FormData();
      for (const [name, value] of Object.entries(hidden)) data.set(name, value);
      data.set("op", "move");
      data.set("target", link.dataset.dropFolderId!);
      if (link.dataset.dropMailbox !== dragging.mailbox) data.set("targetMailbox", link.dataset.dropMailbox!);
      for (const id of dragging.ids) data.append("ids[]", id);
      dragging = null;
      startTransition(() => move(data));
    };
    const onEnd = () => mark(null);
    document.addEventListener("dragover", onOver);
    document.addEventListener("drop", onDrop);
    document.addEventListener("dragend", onEnd);
    return () => {
      document.removeEventListener("dragover", onOver);
      document.removeEventListener("drop", onDrop);
      document.removeEventListener("dragend", onEnd);
    };
  }, [move, hidden]);
}
