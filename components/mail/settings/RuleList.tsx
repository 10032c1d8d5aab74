"use client";

import { useTranslations } from "next-intl";
import type { PlainFormAction } from "@/components/form-action";

export type RuleItem = {
  id: string;
  name: string;
  fromContains: string | null;
  toContains: string | null;
  subjectContains: string | null;
  moveToFolderName: string | null;
  markRead: boolean;
  flag: boolean;
  forwardTo: string | null;
  stopProcessing: boolean;
};

/** A mailbox's rules in the order they run, each in words, with up / down / delete (plain forms). */
export function RuleList({ mailbox, rules, action }: { mailbox: string; rules: RuleItem[]; action: PlainFormAction }) {
  const t = useTranslations("automation.rules");
  if (rules.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  const button = "rounded border border-slate-300 px-2 py-0.5 text-sm disabled:opacity-40";
  return (
    <ol aria-label={t("list")} className="divide-y rounded border">
      {rules.map((rule, i) => {
        const when = [
          rule.fromContains && t("fromContains", { text: rule.fromContains }),
          rule.toContains && t("toContains", { text: rule.toContains }),
          rule.subjectContains && t("subjectContains", { text: rule.subjectContains }),
        ].filter(Boolean);
        const then = [
          rule.moveToFolderName && t("moveTo", { folder: rule.moveToFolderName }),
          rule.markRead && t("markRead"),
          rule.flag && t("flag"),
          rule.forwardTo && t("forwardTo", { address: rule.forwardTo }),
          rule.stopProcessing && t("stop"),
        ].filter(Boolean);
        return (
          <li key={rule.id} className="flex flex-wrap items-start gap-3 p-3">
            <div className="min-w-0 flex-1">
              <p className="font-medium">{rule.name}</p>
              <p className="text-sm">
                <span className="font-medium">{t("when")}</span> {when.join(", ")}{" "}
                <span className="font-medium">{t("then")}</span> {then.join(", ")}
              </p>
            </div>
            <form action={action} className="flex gap-1">
              <input type="hidden" name="mailbox" value={mailbox} />
              <input type="hidden" name="ruleId" value={rule.id} />
              <button
                name="direction"
                value="up"
                disabled={i === 0}
                aria-label={t("moveUp", { name: rule.name })}
                className={button}
              >
                ↑
              </button>
              <button
                name="direction"
                value="down"
                disabled={i === rules.length - 1}
                aria-label={t("moveDown", { name: rule.name })}
                className={button}
              >
                ↓
              </button>
            </form>
            <form action={action}>
              <input type="hidden" name="mailbox" value={mailbox} />
              <input type="hidden" name="ruleId" value={rule.id} />
              <button aria-label={t("delete", { name: rule.name })} className={`${button} text-red-700`}>
                ✕
              </button>
            </form>
          </li>
        );
      })}
    </ol>
  );
}
