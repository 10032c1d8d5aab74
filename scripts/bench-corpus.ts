import fs from "node:fs";
import path from "node:path";
import { fromLineFor, mboxEntry } from "@/lib/import/mbox";
import { buildMessage } from "@/lib/mime/build-message";

/**
 * A deterministic corpus of real MIME messages for the import benchmark: built with
 * lib/mime/build-message.ts, French and English text, sizes spread over 2–30 KB, some HTML
 * and some attachments. Written as one mbox file or as a Maildir, a message at a time.
 */

const FR = [
  "Bonjour à tous, veuillez trouver ci-dessous le compte rendu de la réunion de jeudi dernier.",
  "Les échéances du projet ont été revues : la livraison est décalée d'une semaine, à la demande du client.",
  "Merci de confirmer votre présence au séminaire de décembre avant vendredi midi.",
  "La facture n° 2026-0042 reste impayée ; pourriez-vous vérifier auprès de la comptabilité ?",
  "Le comité a validé le budget prévisionnel, sous réserve d'une réduction des frais de déplacement.",
  "Pensez à mettre à jour vos mots de passe avant la migration des serveurs prévue ce week-end.",
];
const EN = [
  "Hi team, here are the notes from Thursday's meeting, with the action items at the end.",
  "The delivery date moved by one week at the customer's request; the rest of the plan stands.",
  "Please confirm whether you can attend the December workshop by Friday noon.",
  "Invoice 2026-0042 is still unpaid; could you check with accounting and let me know?",
  "The board approved the forecast, provided travel expenses come down by ten percent.",
  "Remember to update your passwords before this weekend's server migration.",
];

/** A small, fast, seeded generator (mulberry32), so every run builds the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type CorpusMessage = { raw: Buffer; flags: string | null; folder: string };

const FOLDERS = ["", ".Sent", ".Archive", ".Projects.2025", ".Projects.2026"];

export async function* corpus(count: number, seed = 2026): AsyncGenerator<CorpusMessage> {
  const rnd = random(seed);
  const start = Date.UTC(2021, 0, 1);
  for (let i = 0; i < count; i++) {
    const french = rnd() < 0.5;
    const lines = french ? FR : EN;
    // Sizes skewed towards small, as real mail is: 2 KB to 30 KB, about 13 KB on average.
    const target = 2048 + Math.floor(28 * 1024 * rnd() ** 1.6);
    const withAttachment = rnd() < 0.15;
    const withHtml = !withAttachment && rnd() < 0.3;
    const attachmentBytes = withAttachment ? Math.floor((target * 0.6) / 1.37) : 0;
    const textBudget = Math.max(300, (target - attachmentBytes * 1.37 - 900) / (withHtml ? 2.2 : 1.05));
    const paragraphs: string[] = [];
    for (let size = 0; size < textBudget;) {
      const p =
        `${lines[Math.floor(rnd() * lines.length)]} ${lines[Math.floor(rnd() * lines.length)]} ` +
        `(${i}-${paragraphs.length})`;
      paragraphs.push(p);
      size += p.length + 2;
    }
    const text = paragraphs.join("\n\n");
    const raw = await buildMessage({
      from: {
        name: french ? `Claire Martin ${i % 97}` : `Tom Baker ${i % 89}`,
        address: `sender${i % 500}@corpus.example`,
      },
      to: [{ name: "Bench", address: "bench@bench.example" }],
      cc: i % 7 === 0 ? [{ name: "Copie", address: "cc@corpus.example" }] : undefined,
      subject: `${french ? "Compte rendu" : "Meeting notes"} #${i} — ${french ? "réunion" : "weekly"}`,
      text,
      html: withHtml ? `<div>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</div>` : undefined,
      attachments: withAttachment
        ? [
            {
              filename: french ? "pièce-jointe.bin" : "attachment.bin",
              contentType: "application/octet-stream",
              content: Buffer.from(Array.from({ length: attachmentBytes }, () => Math.floor(rnd() * 256))),
            },
          ]
        : undefined,
      date: new Date(start + Math.floor(rnd() * 5 * 365 * 86_400_000)),
      messageId: `<bench-${seed}-${i}@corpus.example>`,
    });
    const r = rnd();
    yield { raw, flags: r < 0.1 ? null : r < 0.8 ? "S" : r < 0.9 ? "FS" : "RS", folder: FOLDERS[i % FOLDERS.length]! };
  }
}

/** Writes the corpus as one mbox file; returns its size in bytes. */
export async function writeMboxCorpus(file: string, count: number): Promise<number> {
  const out = fs.createWriteStream(file);
  let size = 0;
  for await (const m of corpus(count)) {
    const entry = mboxEntry(m.raw, fromLineFor("sender@corpus.example", new Date(Date.UTC(2026, 0, 1))));
    size += m.raw.length;
    if (!out.write(entry)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return size;
}

/** Writes the corpus as a Maildir with a few subfolders and flags; returns the message bytes. */
export async function writeMaildirCorpus(dir: string, count: number): Promise<number> {
  let size = 0;
  let n = 0;
  for await (const m of corpus(count)) {
    const folder = path.join(dir, m.folder);
    if (!fs.existsSync(path.join(folder, "cur")))
      for (const sub of ["cur", "new", "tmp"]) fs.mkdirSync(path.join(folder, sub), { recursive: true });
    const name = `${1_700_000_000 + n++}.M${n}P1.bench`;
    await fs.promises.writeFile(
      m.flags === null ? path.join(folder, "new", name) : path.join(folder, "cur", `${name}:2,${m.flags}`),
      m.raw,
    );
    size += m.raw.length;
  }
  return size;
}
