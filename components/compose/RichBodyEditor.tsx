"use client";

import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { Extension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { textToHtml } from "@/lib/compose/signature-format";

/** Ctrl/⌘+Enter sends the message (the form's shortcut): the editor must not also insert a line break. */
const SendShortcut = Extension.create({
  name: "sendShortcut",
  priority: 1000,
  addKeyboardShortcuts: () => ({ "Mod-Enter": () => true }),
});

type Props = {
  /** What the editor starts with: the draft's or the quote's HTML, or the textarea's text as paragraphs. */
  initialHtml: string;
  autoFocus: boolean;
  invalid: boolean;
  describedBy?: string;
  /** Called with the HTML and its text on every change (they go in the form's hidden fields). */
  onChange: (html: string, text: string) => void;
};

type Control = {
  name: string;
  label: string;
  active: (e: Editor) => boolean;
  run: (e: Editor) => void;
};

/**
 * The rich message editor (Tiptap on ProseMirror): bold, italic, underline, lists, quote and link,
 * writing only what the mail sanitiser keeps (p, strong, em, u, ul, ol, li, blockquote, a, h2, h3).
 * It replaces the plain textarea once JavaScript runs; its HTML and text go in hidden fields.
 */
export function RichBodyEditor({ initialHtml, autoFocus, invalid, describedBy, onChange }: Props) {
  const t = useTranslations("compose.editor");
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        link: { openOnClick: false, autolink: true, protocols: ["mailto"], defaultProtocol: "https" },
      }),
      SendShortcut,
    ],
    content: initialHtml,
    autofocus: autoFocus ? "start" : false,
    editorProps: {
      attributes: {
        id: "compose-body",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": "compose-body-label",
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(invalid ? { "aria-invalid": "true" } : {}),
        class: "prose-mail min-h-64 px-3 py-2 text-sm outline-none",
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.getHTML(), e.getText({ blockSeparator: "\n\n" })),
  });
  useEffect(() => {
    if (editor) onChange(editor.getHTML(), editor.getText({ blockSeparator: "\n\n" }));
    // once, when the editor is there: later changes come through onUpdate
  }, [editor]);
  const controls: Control[] = [
    {
      name: t("bold"),
      label: "B",
      active: (e) => e.isActive("bold"),
      run: (e) => e.chain().focus().toggleBold().run(),
    },
    {
      name: t("italic"),
      label: "I",
      active: (e) => e.isActive("italic"),
      run: (e) => e.chain().focus().toggleItalic().run(),
    },
    {
      name: t("underline"),
      label: "U",
      active: (e) => e.isActive("underline"),
      run: (e) => e.chain().focus().toggleUnderline().run(),
    },
    {
      name: t("heading"),
      label: "H",
      active: (e) => e.isActive("heading", { level: 2 }),
      run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
    },
    {
      name: t("bulletList"),
      label: "•",
      active: (e) => e.isActive("bulletList"),
      run: (e) => e.chain().focus().toggleBulletList().run(),
    },
    {
      name: t("orderedList"),
      label: "1.",
      active: (e) => e.isActive("orderedList"),
      run: (e) => e.chain().focus().toggleOrderedList().run(),
    },
    {
      name: t("quote"),
      label: "❝",
      active: (e) => e.isActive("blockquote"),
      run: (e) => e.chain().focus().toggleBlockquote().run(),
    },
    {
      name: t("link"),
      label: "🔗",
      active: (e) => e.isActive("link"),
      run: (e) => {
        if (e.isActive("link")) {
          e.chain().focus().extendMarkRange("link").unsetLink().run();
          return;
        }
        const url = window.prompt(t("linkPrompt"))?.trim();
        if (!url) return;
        const href = /^(https?:|mailto:)/i.test(url) ? url : url.includes("@") ? `mailto:${url}` : `https://${url}`;
        e.chain().focus().extendMarkRange("link").setLink({ href }).run();
      },
    },
  ];
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => (e ? controls.map((c) => c.active(e)) : controls.map(() => false)),
  });

  return (
    <div
      className="mt-1 rounded border border-slate-300 aria-[invalid=true]:border-red-600"
      aria-invalid={invalid || undefined}
    >
      <div role="toolbar" aria-label={t("toolbar")} className="flex flex-wrap gap-1 border-b border-slate-200 p-1">
        {controls.map((c, i) => (
          <button
            key={c.name}
            type="button"
            aria-label={c.name}
            title={c.name}
            aria-pressed={active?.[i] ?? false}
            disabled={!editor}
            onClick={() => editor && c.run(editor)}
            className="min-w-8 rounded px-2 py-1 text-sm hover:bg-slate-100 aria-pressed:bg-brand-600/15"
          >
            <span
              aria-hidden="true"
              className={i === 0 ? "font-bold" : i === 1 ? "italic" : i === 2 ? "underline" : ""}
            >
              {c.label}
            </span>
          </button>
        ))}
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}

/** The editor's first content: the HTML given, or the plain text typed before the editor arrived. */
export const editorStart = (html: string | undefined, text: string, typed: boolean) =>
  !typed && html ? html : textToHtml(text);
