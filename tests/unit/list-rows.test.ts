import { describe, expect, it } from "vitest";
import { packRow, unpackRow } from "@/components/mail/list-rows";
import { listItem } from "../support/list-item";

describe("list rows as the page carries them", () => {
  it("come back as they went, every flag and extra included", () => {
    const rows = [
      listItem(1),
      listItem(2, { seen: false, flagged: true, hasAttachments: true, isDraft: true }),
      listItem(3, { count: 4, triage: "Done → Claire", folder: { segment: "archive", label: "Archive" } }),
      listItem(4, { dateIso: "2026-03-29T01:30:05.123Z", seen: false }),
    ];
    for (const row of rows) expect(unpackRow(packRow(row))).toEqual(row);
  });

  it("carry no field names, and no extras when there are none", () => {
    const packed = JSON.stringify(packRow(listItem(1)));
    expect(packed).not.toMatch(/"(id|who|subject|snippet|seen|dateIso)"/);
    expect(packRow(listItem(1))).toHaveLength(7);
  });
});
