"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { KeptAttachment } from "@/lib/compose/prefill";

/** How often a changed message is saved as a draft. */
export const AUTOSAVE_MS = 4000;
const ENDPOINT = "/api/drafts";

type Saved = { ok: true; draftId: string; attachments: KeptAttachment[] };
export type AutosaveStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "failed" };

/** The draft this compose session writes to, once saved (and where its kept attachments come from). */
export type DraftIds = { draftId: string; attachFrom: string };

/** The form's data with the draft's ids as autosave last set them (React may not have re-rendered yet). */
export function withDraftIds(data: FormData, ids: DraftIds): FormData {
  data.set("draftId", ids.draftId);
  data.set("attachFrom", ids.attachFrom);
  return data;
}

/**
 * Compose's autosave and leave guard. While the form has changes it is saved every few seconds
 * (POST /api/drafts), when the tab is hidden, and on leaving (sendBeacon on pagehide). The first
 * save gives the draft's id: it goes in the form's draftId/attachFrom fields and in the address
 * (?draft=), so every later save — and Send, which removes it — concerns the same draft. Files
 * uploaded are then part of the draft (kept attachments) and the file input is cleared. Leaving
 * with unsaved changes asks first: beforeunload, and a confirmation on links within the app.
 */
export function useAutosave(
  form: React.RefObject<HTMLFormElement | null>,
  initial: DraftIds & { kept: KeptAttachment[] },
  ask: string,
) {
  const [kept, setKept] = useState(initial.kept);
  const [ids, setIds] = useState<DraftIds>({ draftId: initial.draftId, attachFrom: initial.attachFrom });
  const idsRef = useRef(ids);
  const draftData = useCallback((el: HTMLFormElement) => {
    const data = withDraftIds(new FormData(el), idsRef.current);
    data.set("intent", "draft");
    return data;
  }, []);
  const [status, setStatus] = useState<AutosaveStatus>({ kind: "idle" });
  const version = useRef(0);
  const savedVersion = useRef(0);
  const inflight = useRef<Promise<void> | null>(null);
  const done = useRef(false);

  const dirty = () => !done.current && version.current !== savedVersion.current;

  const save = useCallback(async () => {
    const el = form.current;
    if (!el || !dirty()) return;
    if (inflight.current) return inflight.current;
    const at = version.current;
    const files = el.querySelector<HTMLInputElement>('input[type="file"]');
    const sentFiles = files?.files?.length ?? 0;
    setStatus({ kind: "saving" });
    inflight.current = (async () => {
      try {
        const response = await fetch(ENDPOINT, { method: "POST", body: draftData(el) });
        const answer = (await response.json()) as Saved | { ok: false };
        if (!answer.ok) throw new Error("refused");
        idsRef.current = { draftId: answer.draftId, attachFrom: answer.attachments.length > 0 ? answer.draftId : "" };
        setIds(idsRef.current);
        setKept(answer.attachments);
        if (files && (files.files?.length ?? 0) === sentFiles) files.value = "";
        const url = new URL(window.location.href);
        if (url.searchParams.get("draft") !== answer.draftId) {
          for (const key of ["reply", "replyAll", "forward", "saved"]) url.searchParams.delete(key);
          url.searchParams.set("draft", answer.draftId);
          window.history.replaceState(window.history.state, "", url);
        }
        savedVersion.current = at;
        setStatus({ kind: "saved", at: new Date() });
      } catch {
        setStatus({ kind: "failed" });
      } finally {
        inflight.current = null;
      }
    })();
    return inflight.current;
  }, [form, draftData]);

  useEffect(() => {
    const el = form.current;
    if (!el) return;
    const changed = () => {
      version.current += 1;
    };
    el.addEventListener("input", changed);
    el.addEventListener("change", changed);
    const timer = window.setInterval(() => void save(), AUTOSAVE_MS);
    const onHidden = () => {
      if (document.visibilityState === "hidden") void save();
    };
    const onPageHide = () => {
      // (while a first save is under way the draft has no id yet: a beacon now would make a second one)
      if (dirty() && (!inflight.current || idsRef.current.draftId)) navigator.sendBeacon?.(ENDPOINT, draftData(el));
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty()) return;
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!link || !dirty() || event.defaultPrevented || link.target === "_blank") return;
      if (new URL(link.href, window.location.href).origin !== window.location.origin) return;
      if (!window.confirm(ask)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      // Leaving within the app is no page unload: keep what was written as a draft on the way out.
      navigator.sendBeacon?.(ENDPOINT, draftData(el));
      done.current = true;
    };
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      el.removeEventListener("input", changed);
      el.removeEventListener("change", changed);
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onHidden);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [form, save, ask, draftData]);

  /** Before Send / Save / Discard: wait for a save under way (its draft id goes with the form), then stop. */
  const settle = useCallback(async () => {
    if (inflight.current) await inflight.current;
    done.current = true;
  }, []);

  /** The form came back with errors: the guard and autosave resume. */
  const resume = useCallback(() => {
    done.current = false;
  }, []);

  /** The draft's ids now (after `settle`, those of the last save). */
  const currentIds = useCallback(() => idsRef.current, []);

  return { kept, ids, currentIds, status, settle, resume };
}
