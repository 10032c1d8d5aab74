"use client";

import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";

export type MenuPosition = { x: number; y: number };

/**
 * A small context menu (role="menu") opened at the pointer by a right-click on `children`:
 * focus goes to its first item, arrow keys move between items, Escape, Tab, a click outside or a
 * chosen item close it and give focus back. Every item also exists as a visible control
 * elsewhere, for keyboard and touch.
 */
export function ContextMenu({
  label,
  items,
  children,
  className,
  onOpen,
}: {
  label: string;
  /** Called on the right-click before the menu opens; false: the browser's own menu instead. */
  onOpen?: (event: React.MouseEvent) => boolean;
  /** Menu items: elements with role="menuitem" (buttons or links). */
  items: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const [position, setPosition] = useState<MenuPosition | null>(null);
  const menu = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const close = useCallback(() => {
    setPosition(null);
    returnFocus.current?.focus?.();
  }, []);

  useEffect(() => {
    if (!position) return;
    const itemsOf = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    itemsOf()[0]?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) setPosition(null);
    };
    const onKey = (event: KeyboardEvent) => {
      const list = itemsOf();
      const index = list.indexOf(document.activeElement as HTMLElement);
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "Tab") {
        setPosition(null);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        list[(index + step + list.length) % list.length]?.focus();
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        (event.key === "Home" ? list[0] : list.at(-1))?.focus();
      }
    };
    const onAway = () => setPosition(null);
    document.addEventListener("pointerdown", onPointer, true);
    document.addEventListener("keydown", onKey);
    window.addEventListener("resize", onAway);
    window.addEventListener("blur", onAway);
    return () => {
      document.removeEventListener("pointerdown", onPointer, true);
      document.removeEventListener("keydown", onKey);
      window.removeEventListener("resize", onAway);
      window.removeEventListener("blur", onAway);
    };
  }, [position, close]);

  return (
    <div
      className={className}
      onContextMenu={(event) => {
        if (onOpen && !onOpen(event)) return;
        event.preventDefault();
        returnFocus.current = document.activeElement as HTMLElement | null;
        const width = 240;
        setPosition({ x: Math.min(event.clientX, window.innerWidth - width), y: event.clientY });
      }}
    >
      {children}
      {position && (
        <div
          ref={menu}
          role="menu"
          aria-label={label}
          style={{ left: position.x, top: position.y }}
          className="fixed z-50 min-w-52 rounded border border-slate-300 bg-white py-1 text-sm shadow-lg"
          onClick={(event) => {
            // Closed after the click's default action (a submit or a navigation) has run.
            if ((event.target as HTMLElement).closest('[role="menuitem"]')) setTimeout(() => setPosition(null), 0);
          }}
        >
          {items}
        </div>
      )}
    </div>
  );
}

export const menuItemClass =
  "block w-full px-3 py-1.5 text-left text-slate-900 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none";
