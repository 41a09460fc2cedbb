/**
 * Word lists for the bulk seed. Names repeat the way real ones do (a few common surnames, a long
 * tail of rare ones), so a misspelled-name search has near neighbours to choose from. The
 * vocabulary is ordered from common to rare and drawn with a skew, so full-text search sees both
 * words that match a large share of messages and words that match only a few.
 */

export const FIRST_NAMES = (
  'Oliver Amelia George Isla Harry Ava Noah Mia Jack Ivy Leo Freya Oscar Lily Charlie Emily Jacob Grace Alfie Sophia ' +
  'Thomas Ella Henry Poppy William Evie Lucas Rosie James Chloé Daniel Hannah Samuel Sofia Joseph Layla Arthur Alice ' +
  'Muhammad Aisha Arjun Priya Kwame Ama Kofi Abena Wei Mei Hiroshi Yuki Mateo Lucía Diego Valentina Pablo Inês Rafael ' +
  'Beatriz Luca Giulia Marco Chiara Jonas Lena Felix Anna Lars Ingrid Sven Astrid Mikkel Freja Piotr Zofia Jakub Ewa ' +
  'Nikolai Elena Dmitri Olga Ahmed Fatima Omar Leila Tariq Nadia Ibrahim Zeynep Emre Elif Kemal Yasmin Rohan Ananya ' +
  'Vikram Kavya Sipho Thandi Tunde Ngozi Chidi Adaeze Kai Maya Finn Zoë Theo Niamh Ciaran Siobhan Rhys Cerys Ewan Morag'
).split(' ');

export const LAST_NAMES = (
  'Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright Thompson Evans Walker White Roberts ' +
  'Green Hall Thomas Clarke Jackson Wood Harris Edwards Turner Martin Cooper Hill Ward Hughes Moore Clark King Harrison ' +
  'Lewis Baker Lee Allen Morris Khan Scott Watson Davis Parker James Bennett Young Phillips Richardson Mitchell Bailey ' +
  'Carter Cook Singh Shaw Bell Collins Morgan Kelly Begum Miller Cox Marshall Simpson Anderson Ellis Adams Murphy ' +
  'Campbell Stewart MacDonald Fraser Gallagher Byrne Doyle Quinn Rossi Bianchi Romano Ferrari Esposito García Martínez ' +
  'Fernández Herrera Moreno Ortega Silva Costa Ferreira Mendes Müller Schmidt Schneider Fischer Weber Vogel Becker ' +
  'Kowalski Nowak Wiśniewski Lewandowski Novak Horváth Ivanov Petrova Sokolov Johansson Lindqvist Nilsson Andersen ' +
  'Haddad Rahman Malik Aziz Yılmaz Demir Nakamura Tanaka Takahashi Watanabe Zhang Wang Chen Nguyen Tran Kim Park ' +
  'Mensah Boateng Owusu Adeyemi Okafor Nwosu Bello Dlamini Ndlovu Abernathy Featherstonehaugh Okonkwo Szczepański ' +
  'Vandermeer Thistlewood Quigley Ravensworth Pemberton Achterberg Castellanos Drummond Ellingham Fitzwilliam'
).split(' ');

/** Kinds of business for bulk organizations; none of them ends a demo organization's name. */
export const ORGANIZATION_KINDS = [
  'Holdings',
  'Studio',
  'Partners',
  'Group',
  'Foods',
  'Dental',
  'Architects',
  'Motors',
  'Outfitters',
  'Consulting',
];

/** Support words, roughly from common to rare: the skewed draw makes the first ones frequent. */
export const VOCABULARY = (
  'order delivery refund account password invoice parcel payment address card email app website basket ' +
  'discount voucher subscription return exchange warranty receipt tracking courier driver label postcode ' +
  'login code screen browser phone tablet update error message charge statement balance credit debit ' +
  'size colour stock price checkout wishlist review rating newsletter notification reminder schedule ' +
  'monday tuesday wednesday thursday friday saturday sunday morning afternoon evening weekend ' +
  'january february march april may june july august september october november december ' +
  'kitchen garden office bedroom hallway garage doorstep neighbour reception letterbox porch ' +
  'lamp backpack kettle jacket speaker desk duvet boots mattress blender toaster umbrella rucksack ' +
  'cracked scratched missing damaged late early wrong broken faulty loose bent stained torn soggy ' +
  'gift birthday anniversary wedding holiday christmas easter move renovation conference ' +
  'manager supervisor colleague partner daughter son mother father landlord concierge ' +
  'screenshot photo video attachment reference barcode serial batch model version firmware ' +
  'bluetooth wifi charger cable adapter battery bulb switch hinge zipper buckle strap lid handle ' +
  'chargeback overdraft instalment pro-rata proforma remittance escrow affidavit notarised ' +
  'tortoiseshell marquetry chiaroscuro palimpsest'
).split(' ');

/** Extra sentences added to messages; `{a}` and `{b}` take vocabulary words. */
export const SENTENCE_FRAMES = [
  'I also wanted to mention the {a}, which might be related to the {b}.',
  'For what it is worth, the {a} arrived fine but the {b} did not.',
  'My {a} reference is on the {b} if you need it.',
  'Could you check whether the {a} and the {b} are on the same record?',
  'The {a} was mentioned on the phone as well, along with the {b}.',
  'Please note the {a} before you look at the {b}.',
  'We noticed the {a} issue again this {b}.',
  'I have attached a screenshot of the {a} next to the {b}.',
  'Nothing has changed with the {a} since the {b}.',
  'This is about the {a}, not the {b} from last time.',
  'Our {a} is usually reliable, so the {b} surprised us.',
  'If it helps, the {a} was bought together with a {b}.',
];

/** Rare words, each in a sentence; about one message in ten thousand carries one. */
export const RARE_LINES = [
  'P.S. Sent from a very slow connection in Zanzibar.',
  'P.S. Our office mascot is a quokka, and even it is confused.',
  'P.S. Apologies for the typos, the axolotl knocked my keyboard.',
  'P.S. The parcel had a narwhal sticker on it, if that helps to find it.',
  'P.S. The box smelled faintly of kumquat when it arrived.',
  'P.S. My neighbour says it looked like a zeppelin from the street.',
  'P.S. The gift inside was marzipan, so please hurry.',
  'P.S. The return label shows an okapi instead of a barcode.',
];
export const RARE_WORDS = ['zanzibar', 'quokka', 'axolotl', 'narwhal', 'kumquat', 'zeppelin', 'marzipan', 'okapi'];

/** Subjects that are not one of the issue scripts' own, so subjects vary. */
export const SUBJECT_FRAMES = [
  'Question about my {a}',
  'Problem with the {a}',
  '{a} not working',
  'Help with {a} please',
  'Follow-up on my {a}',
  'Complaint about the {a}',
  'Urgent: {a}',
];

/** What agents write between the first answer and the resolution. */
export const AGENT_LINES = [
  'Thanks for bearing with us. I am still waiting on the team that handles this and will update you tomorrow.',
  'Quick update: we have found the cause and a fix is being tested now.',
  'I have passed this to a specialist colleague, who will take it from here with the same details.',
  'Thank you for the extra information; that is exactly what we needed.',
  'I am sorry this is taking longer than we said. You have not been forgotten.',
];

/** What customers write while a request is open. */
export const CUSTOMER_LINES = [
  'Thanks for the update. Is there any news?',
  'Just checking in: is there anything else you need from me?',
  'I tried again this morning and it is still the same.',
  'Thank you, that makes sense. I will wait to hear from you.',
  'Any update? I need this sorted before the weekend.',
  'I have attached another photo in case it helps.',
];

/** ASCII e-mail local part: accents dropped, as the demo seed does. */
export const emailSlug = (name: string): string =>
  name
    .normalize('NFD')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/[^a-z]/g, '');
