import { describe, expect, it } from "vitest";
import { parseForReading } from "../../lib/messages/parse-for-reading";
import { buildMessage } from "../../lib/mime/build-message";
import { parseDeliveryStatus, statusClass } from "../../lib/mime/delivery-status";
import { buildDeliveryReport } from "../../lib/mime/report";

/** A delivery report read for the reading pane: its status part as fields, its parts named by what they are. */
describe("delivery report status part", () => {
  it("reads the recipients' results from a real report, and names its parts", async () => {
    const original = await buildMessage({
      from: { name: "Ana", address: "ana@example.org" },
      to: [{ name: "", address: "nobody@example.org" }],
      subject: "Minutes",
      text: "Here.",
    });
    const report = await buildDeliveryReport({
      reportingDomain: "example.org",
      to: { name: "Ana", address: "ana@example.org" },
      original,
      originalSubject: "Minutes",
      failures: [
        {
          address: "nobody@example.org",
          status: "5.1.1",
          diagnostic: "550 5.1.1 no such user",
          remoteMta: "mx.example.net",
        },
      ],
      arrivalDate: new Date("2026-12-01T10:00:00Z"),
    });
    const readable = await parseForReading(report);
    expect(readable.deliveryStatus?.recipients).toEqual([
      {
        recipient: "nobody@example.org",
        action: "failed",
        status: "5.1.1",
        diagnostic: expect.stringContaining("5.1.1"),
        remoteMta: "mx.example.net",
      },
    ]);
    expect(readable.attachments.map((a) => a.filename)).not.toContain("attachment-1");
    expect(readable.attachments.map((a) => a.filename)).toEqual(["original-headers.txt"]);
  });

  it("unfolds fields, strips their type and classes the status", () => {
    const status = parseDeliveryStatus(
      "Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; a@b.test\r\nAction: delayed\r\n" +
        "Status: 4.4.1\r\nDiagnostic-Code: smtp; 421 try\r\n later\r\n",
    );
    expect(status).toEqual({
      reportingMta: "mx.example.org",
      arrivalDate: null,
      recipients: [
        { recipient: "a@b.test", action: "delayed", status: "4.4.1", diagnostic: "421 try later", remoteMta: null },
      ],
    });
    expect(statusClass("4.4.1")).toBe("temporary");
    expect(parseDeliveryStatus("nothing useful")).toBeNull();
  });
});
