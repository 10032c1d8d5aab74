/**
 * The words the benchmark's mail is made of: French and English subjects, paragraphs, sign-offs
 * and people. Combined by corpus.ts into a few hundred distinct messages.
 */

export type Lang = "fr" | "en";

export type Topic = { subject: string; paragraphs: string[] };

export const TOPICS: Record<Lang, Topic[]> = {
  fr: [
    {
      subject: "Facture n° {n} en attente de paiement",
      paragraphs: [
        "Nous n'avons pas encore reçu le règlement de la facture n° {n}, arrivée à échéance le mois dernier.",
        "Pourriez-vous vérifier auprès de votre service comptable et nous indiquer la date prévue du virement ?",
        "Vous trouverez le relevé de compte ci-dessous ; n'hésitez pas à nous appeler en cas de question.",
      ],
    },
    {
      subject: "Devis pour la maintenance annuelle",
      paragraphs: [
        "Suite à notre échange téléphonique, voici notre proposition pour la maintenance annuelle des équipements.",
        "Le devis comprend deux visites préventives, l'assistance à distance et le remplacement des pièces d'usure.",
        "Les tarifs restent valables trente jours. Nous pouvons démarrer dès réception du bon de commande signé.",
      ],
    },
    {
      subject: "Compte rendu de la réunion de lundi",
      paragraphs: [
        "Voici le compte rendu de la réunion d'équipe de lundi matin.",
        "Points abordés : avancement du projet, recrutement d'un stagiaire, organisation des congés d'été.",
        "Prochaine réunion dans quinze jours, même heure, en salle Voltaire. Merci de relire et de compléter.",
      ],
    },
    {
      subject: "Demande de congés du {d}",
      paragraphs: [
        "Je souhaiterais poser une semaine de congés à partir du {d}.",
        "Mes dossiers en cours seront suivis par Camille pendant mon absence ; je lui ai transmis les priorités.",
        "Merci de me confirmer votre accord dès que possible.",
      ],
    },
    {
      subject: "Réclamation client : commande {n}",
      paragraphs: [
        "Le client nous signale que la commande {n} est arrivée incomplète : il manque deux cartons.",
        "Pouvez-vous vérifier le bon de livraison et relancer le transporteur ?",
        "Le client attend une réponse avant vendredi ; je propose de lui offrir les frais de port.",
      ],
    },
    {
      subject: "Mise à jour du règlement intérieur",
      paragraphs: [
        "Le règlement intérieur a été mis à jour pour tenir compte du télétravail et des nouveaux horaires.",
        "Chaque salarié doit en prendre connaissance et signer l'accusé de réception avant la fin du mois.",
        "Le document est disponible sur l'intranet, rubrique Ressources humaines.",
      ],
    },
    {
      subject: "Inscription au salon professionnel de Lyon",
      paragraphs: [
        "Nous serons présents au salon professionnel de Lyon, stand B24, du mardi au jeudi.",
        "Merci de vous inscrire sur le planning partagé pour les permanences du stand.",
        "Les badges d'accès seront distribués la veille à l'accueil.",
      ],
    },
    {
      subject: "Relance : contrat de prestation à signer",
      paragraphs: [
        "Je me permets de vous relancer au sujet du contrat de prestation envoyé il y a deux semaines.",
        "Sans retour de votre part, nous ne pourrons pas réserver les ressources prévues pour le projet.",
        "Je reste à votre disposition pour en discuter.",
      ],
    },
  ],
  en: [
    {
      subject: "Invoice {n} overdue",
      paragraphs: [
        "Our records show that invoice {n} is now thirty days overdue.",
        "Could you check with your accounts payable team and let us know when the payment will be made?",
        "If the invoice has already been paid, please send us the remittance advice so we can reconcile it.",
      ],
    },
    {
      subject: "Quarterly review agenda",
      paragraphs: [
        "Here is the agenda for Thursday's quarterly review: results, hiring plan and the office move.",
        "Each team lead has ten minutes; please send your slides by Wednesday noon.",
        "Coffee will be served from 8:45 in the main meeting room.",
      ],
    },
    {
      subject: "Support ticket {n}: cannot sign in",
      paragraphs: [
        "A customer reports that they cannot sign in since this morning; the error says the password is wrong.",
        "We reset the password twice without success. Could someone from the platform team take a look?",
        "The customer is on the premium plan and expects an answer within four hours.",
      ],
    },
    {
      subject: "Shipping update for order {n}",
      paragraphs: [
        "Your order {n} has left our warehouse and is on its way.",
        "The carrier expects to deliver it within two business days; you will receive a tracking link by text message.",
        "Thank you for shopping with us.",
      ],
    },
    {
      subject: "Draft contract for review",
      paragraphs: [
        "Please find the latest draft of the services contract for your review.",
        "The main changes are in the liability clause and the payment schedule in section 7.",
        "We would like to sign before the end of the quarter, so comments by Friday would be appreciated.",
      ],
    },
    {
      subject: "Meeting notes: product planning",
      paragraphs: [
        "Thanks everyone for a productive planning meeting.",
        "Decisions: we ship the mobile release first, the reporting module moves to next quarter.",
        "Action items are in the shared document; owners, please update the status before the next meeting.",
      ],
    },
    {
      subject: "Expense report reminder",
      paragraphs: [
        "This is a reminder to submit your expense reports for last month with the receipts attached.",
        "Reports received after the fifth will be paid with the following month's salary.",
        "Contact the finance team if you have any questions about what can be claimed.",
      ],
    },
    {
      subject: "Welcome to the team, {name}",
      paragraphs: [
        "Please join me in welcoming {name}, who starts on Monday in the customer success team.",
        "{name} joins us from a consulting background and will look after our largest accounts.",
        "Do drop by to say hello, and feel free to invite them to lunch this week.",
      ],
    },
  ],
};

export const GREETINGS: Record<Lang, string[]> = {
  fr: ["Bonjour,", "Bonjour à tous,", "Madame, Monsieur,", "Salut,", "Chers collègues,"],
  en: ["Hello,", "Hi all,", "Dear colleagues,", "Hi,", "Good morning,"],
};

export const SIGN_OFFS: Record<Lang, string[]> = {
  fr: ["Bien cordialement,", "Cordialement,", "Bonne journée,", "Merci d'avance,", "À bientôt,"],
  en: ["Best regards,", "Kind regards,", "Thanks,", "Cheers,", "Many thanks,"],
};

/** Long filler paragraphs, so that message sizes range from one to several kilobytes. */
export const FILLER: Record<Lang, string[]> = {
  fr: [
    "Pour rappel, l'ensemble des échanges concernant ce dossier doit être archivé dans le dossier partagé, afin que " +
      "chacun puisse retrouver l'historique en cas d'absence. Les pièces justificatives sont à joindre " +
      "systématiquement, au format PDF de préférence.",
    "Nous avons également noté plusieurs points d'amélioration lors du dernier bilan : délais de réponse, " +
      "qualité des " +
      "comptes rendus et suivi des engagements pris auprès des clients. Un plan d'action sera présenté à la " +
      "prochaine " +
      "réunion de service.",
    "Le calendrier prévisionnel reste inchangé : validation du cahier des charges en début de mois, " +
      "développement sur " +
      "six semaines, recette pendant deux semaines puis mise en production un mardi matin, jamais la veille d'un " +
      "week-end.",
    "Concernant le budget, les dépenses engagées à ce jour représentent environ soixante pour cent de l'enveloppe " +
      "prévue. Les achats restants devront être validés par la direction financière avant toute commande.",
  ],
  en: [
    "As a reminder, all correspondence about this matter should be filed in the shared mailbox so that " +
      "anyone covering " +
      "for a colleague can find the history. Supporting documents should always be attached, preferably as PDF files.",
    "We also noted several areas for improvement in the last review: response times, the quality of meeting " +
      "notes, and " +
      "follow-up on commitments made to customers. An action plan will be presented at the next team meeting.",
    "The provisional schedule is unchanged: sign-off on the requirements at the start of the month, six weeks of " +
      "development, two weeks of acceptance testing, then a release on a Tuesday morning, never before a weekend.",
    "Regarding the budget, spending committed so far is about sixty percent of the planned amount. Any remaining " +
      "purchases must be approved by the finance department before an order is placed.",
  ],
};

export const FIRST_NAMES = [
  "Camille",
  "Élodie",
  "Julien",
  "Léa",
  "Thomas",
  "Chloé",
  "Nicolas",
  "Manon",
  "Hugo",
  "Inès",
  "Sophie",
  "Antoine",
  "Clara",
  "Mathieu",
  "Zoé",
  "Olivier",
  "Amélie",
  "François",
  "Hélène",
  "Loïc",
  "James",
  "Emily",
  "Oliver",
  "Charlotte",
  "Harry",
  "Amelia",
  "George",
  "Grace",
  "Jack",
  "Lucy",
];

export const LAST_NAMES = [
  "Martin",
  "Bernard",
  "Dubois",
  "Lefèvre",
  "Moreau",
  "Laurent",
  "Girard",
  "Bonnet",
  "Dupont",
  "Lambert",
  "Fontaine",
  "Rousseau",
  "Vincent",
  "Müller",
  "Leroy",
  "Faure",
  "André",
  "Mercier",
  "Blanc",
  "Guérin",
  "Smith",
  "Jones",
  "Taylor",
  "Brown",
  "Williams",
  "Wilson",
  "Johnson",
  "Davies",
  "Evans",
  "Thomas",
];

/** Outside correspondents: most mail in a shared mailbox comes from them. */
export const EXTERNAL_DOMAINS = [
  "fournisseur.fr",
  "client-exemple.fr",
  "partner.co.uk",
  "vendor.example.com",
  "cabinet-conseil.fr",
  "logistics.example.net",
  "mairie-exemple.fr",
  "bank.example.com",
];
