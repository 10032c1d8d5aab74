import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());

// ProseMirror (the compose editor) asks the layout where things are; jsdom has no layout.
if (typeof document !== "undefined") {
  document.elementFromPoint ??= () => null;
  const noRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  const rect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0, toJSON: () => ({}) });
  Range.prototype.getClientRects ??= noRects;
  Range.prototype.getBoundingClientRect ??= rect as () => DOMRect;
  HTMLElement.prototype.scrollIntoView ??= () => {};
}
