import type { OutgoingMessage } from "@/lib/mime/build-message";
import { corpusMailHtml } from "./sanitize-corpus";

/** Realistic demo mail, French and English, built as real MIME by the seed. Deterministic. */
type Template = { from: [string, string]; subject: string; text: string; html?: boolean; attachment?: "csv" | "pdf" };

const TEMPLATES: Template[] = [
  {
    from: ["Claire Martin", "claire.martin@fournisseur.fr"],
    subject: "Devis pour le renouvellement du parc informatique",
    text:
      "Bonjour,\n\nVeuillez trouver ci-joint notre devis pour le renouvellement des 25 postes de travail. " +
      "Les prix sont valables jusqu'à la fin du mois.\n\nBien cordialement,\nClaire Martin",
    attachment: "pdf",
  },
  {
    from: ["Tom Baker", "tom.baker@partner.co.uk"],
    subject: "Quarterly review — agenda",
    text:
      "Hi,\n\nHere is the agenda for Thursday's quarterly review:\n1. Results of Q3\n2. Hiring plan\n3. " +
      "Office move\n\nLet me know if you'd like to add anything.\n\nTom",
  },
  {
    from: ["Service RH", "rh@example.org"],
    subject: "Rappel : entretiens annuels",
    text:
      "Bonjour à tous,\n\nLes entretiens annuels doivent être planifiés avant le 15 décembre. Merci de " +
      "réserver un créneau avec votre responsable.\n\nLe service RH",
    html: true,
  },
  {
    from: ["IT Helpdesk", "helpdesk@example.org"],
    subject: "Planned maintenance on Saturday",
    text:
      "Hello,\n\nThe mail servers will be under maintenance on Saturday from 22:00 to 23:30. Webmail may be " +
      "unavailable during that window.\n\nThanks for your patience,\nIT Helpdesk",
    html: true,
  },
  {
    from: ["Julie Dubois", "julie.dubois@client-exemple.fr"],
    subject: "Facture n° 2026-1142",
    text:
      "Bonjour,\n\nJe n'ai pas encore reçu la facture n° 2026-1142. Pourriez-vous me la renvoyer ?\n\nMerci " +
      "d'avance,\nJulie Dubois",
  },
  {
    from: ["Marc Leroy", "marc.leroy@example.org"],
    subject: "Déjeuner d'équipe vendredi",
    text: "Salut,\n\nOn organise un déjeuner d'équipe vendredi midi à la brasserie d'en face. Tu viens ?\n\nMarc",
  },
  {
    from: ["Sarah Connor", "sarah@vendor.example.com"],
    subject: "Your order #88231 has shipped",
    text:
      "Good news!\n\nYour order #88231 (3 items) has shipped and should arrive within 2 business " +
      "days.\n\nTracking number: 1Z999AA10123456784",
    html: true,
  },
  {
    from: ["Comptabilité", "compta@example.org"],
    subject: "Notes de frais de novembre",
    text:
      "Bonjour,\n\nMerci de transmettre vos notes de frais de novembre avant le 5 décembre, avec les " +
      "justificatifs.\n\nLa comptabilité",
    attachment: "csv",
  },
  {
    from: ["Anna Schmidt", "anna.schmidt@partner.de"],
    subject: "Contract draft v3",
    text:
      "Dear all,\n\nPlease find the third draft of the contract attached for your review. The changes are in " +
      "sections 4 and 7.\n\nBest regards,\nAnna",
  },
  {
    from: ["Direction", "direction@example.org"],
    subject: "Fermeture des bureaux entre Noël et le Nouvel An",
    text:
      "Chers collègues,\n\nLes bureaux seront fermés du 24 décembre au 1er janvier inclus. Bonnes fêtes à " +
      "tous !\n\nLa direction",
    html: true,
  },
  {
    from: ["Newsletter", "news@techweekly.example.com"],
    subject: "This week in tech: databases at scale",
    text:
      "This week: how teams run PostgreSQL at scale, a look at connection pooling, and five tips for faster " +
      "queries.",
    html: true,
  },
  {
    from: ["Pierre Morel", "pierre.morel@client-exemple.fr"],
    subject: "Question sur le contrat de maintenance",
    text:
      "Bonjour,\n\nLe contrat de maintenance couvre-t-il aussi les imprimantes du deuxième étage " +
      "?\n\nCordialement,\nPierre Morel",
  },
];

export type DemoMessage = OutgoingMessage & { receivedAt: Date; seen: boolean; flagged: boolean };

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 " +
    "obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const CSV = Buffer.from("date;libellé;montant\n2026-11-03;Train Paris-Lyon;89,50\n2026-11-12;Hôtel;112,00\n");

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** `count` messages to one mailbox, spread over the last weeks, newest unread. */
export function demoMessages(to: { name: string; address: string }, count: number, now = new Date()): DemoMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const tpl = TEMPLATES[i % TEMPLATES.length]!;
    const round = Math.floor(i / TEMPLATES.length);
    const receivedAt = new Date(now.getTime() - (i * 17 + 3) * 3600_000);
    const subject = round === 0 ? tpl.subject : `${tpl.subject} (${round + 1})`;
    return {
      from: { name: tpl.from[0], address: tpl.from[1] },
      to: [to],
      subject,
      text: tpl.text,
      html: tpl.html
        ? `<div style="font-family:sans-serif">${tpl.text
            .split("\n\n")
            .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
            .join("")}</div>`
        : undefined,
      attachments:
        tpl.attachment === "pdf"
          ? [{ filename: "devis-2026.pdf", contentType: "application/pdf", content: PDF }]
          : tpl.attachment === "csv"
            ? [{ filename: "notes-de-frais.csv", contentType: "text/csv; charset=utf-8", content: CSV }]
            : undefined,
      date: receivedAt,
      receivedAt,
      seen: i >= 6,
      flagged: i % 11 === 4,
    };
  });
}

/** An HTML message carrying known mail XSS payloads and a tracking pixel (./sanitize-corpus.ts). */
export function hostileHtmlMessage(to: { name: string; address: string }, now = new Date()): DemoMessage {
  // A few days old: the demo Inbox opens on ordinary mail.
  const receivedAt = new Date(now.getTime() - 5 * 24 * 3600_000);
  return {
    from: { name: "Security Check", address: "security-check@attacker.example" },
    to: [to],
    subject: "Security check: an HTML message with known attacks",
    text: "This message carries known mail attacks. Open it in the reading pane: nothing runs, nothing loads.",
    html: corpusMailHtml(),
    date: receivedAt,
    receivedAt,
    seen: false,
    flagged: false,
  };
}
