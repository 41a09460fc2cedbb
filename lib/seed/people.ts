import type { categories, customers, organizations, teamMembers, teams, users, Channel, Role } from '@/db/schema';
import type { Random } from './random';
import { CATEGORY_SCRIPTS, type CategoryScript, type TeamName } from './templates';

const DAY = 86_400_000;

export interface StaffRef {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface SeedCustomer {
  id: string;
  name: string;
  firstName: string;
  email: string;
  preferredChannel: Channel | null;
  /** The portal login that speaks for this customer, if any: it is the actor of their actions. */
  userId: string | null;
}

export interface SeedCategory {
  id: string;
  teamId: string;
  script: CategoryScript;
}

export interface People {
  organizations: (typeof organizations.$inferInsert)[];
  customers: (typeof customers.$inferInsert)[];
  users: (typeof users.$inferInsert)[];
  teams: (typeof teams.$inferInsert)[];
  teamMembers: (typeof teamMembers.$inferInsert)[];
  categories: (typeof categories.$inferInsert)[];
  seedCustomers: SeedCustomer[];
  seedCategories: SeedCategory[];
  /** Active agents per team id: the people tickets are assigned to. */
  membersByTeam: Map<string, StaffRef[]>;
  staffByEmail: Map<string, StaffRef>;
}

/** Demo sign-ins (all with the demo password) plus a few more agents so teams feel staffed. */
const STAFF: readonly {
  email: string;
  name: string;
  role: Exclude<Role, 'customer'>;
  teams: TeamName[];
  leads?: TeamName[];
}[] = [
  { email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', teams: [] },
  { email: 'lead@demo.test', name: 'Lee Lead', role: 'lead', teams: [], leads: ['Technical'] },
  {
    email: 'dana.whitfield@demo.test',
    name: 'Dana Whitfield',
    role: 'lead',
    teams: [],
    leads: ['Billing', 'Returns', 'Accounts'],
  },
  { email: 'agent@demo.test', name: 'Alex Agent', role: 'agent', teams: ['Technical', 'Billing'] },
  { email: 'agent2@demo.test', name: 'Sam Second', role: 'agent', teams: ['Technical', 'Billing'] },
  { email: 'priya.patel@demo.test', name: 'Priya Patel', role: 'agent', teams: ['Technical'] },
  { email: 'jonas.berg@demo.test', name: 'Jonas Berg', role: 'agent', teams: ['Technical', 'Accounts'] },
  { email: 'mei.chen@demo.test', name: 'Mei Chen', role: 'agent', teams: ['Billing', 'Accounts'] },
  { email: 'tomas.rivera@demo.test', name: 'Tomás Rivera', role: 'agent', teams: ['Returns'] },
  { email: 'grace.okafor@demo.test', name: 'Grace Okafor', role: 'agent', teams: ['Returns', 'Accounts'] },
  { email: 'noah.fischer@demo.test', name: 'Noah Fischer', role: 'agent', teams: ['Returns'] },
];

const TEAM_NAMES: readonly TeamName[] = ['Technical', 'Billing', 'Returns', 'Accounts'];

const ORGANIZATIONS: readonly [string, string][] = [
  ['Northwind Traders', 'northwind.example'],
  ['Bluebell Bakery', 'bluebell.example'],
  ['Harbour & Finch Legal', 'harbourfinch.example'],
  ['Kestrel Logistics', 'kestrel.example'],
  ['Meridian Health Clinic', 'meridian.example'],
  ['Tidewater Schools', 'tidewater.example'],
];

const CUSTOMER_NAMES = (
  'Amelia Hart, Oliver Bennett, Isla Moreno, Liam O’Connor, Sofia Rossi, Noah Kowalski, Chloé Dubois, Ethan Nakamura, ' +
  'Mia Johansson, Lucas Silva, Ava Thompson, Mateo García, Zoë Müller, Arjun Sharma, Hannah Schmidt, Kwame Mensah, ' +
  'Freya Lindqvist, Daniel Cohen, Aisha Bello, Samuel Adeyemi, Elena Petrova, Marcus Reid, Yuki Tanaka, Fatima Haddad, ' +
  'Oscar Nilsson, Grace Whitaker, Léo Fontaine, Nadia Rahman, Jack Murphy, Chiara Bianchi, Ibrahim Yılmaz, Ruby Campbell, ' +
  'Diego Herrera, Lena Vogel, Thomas Wright, Priyanka Iyer, Finn Gallagher, Maya Goldberg, Henry Clarke, Inês Ferreira, ' +
  'Jamal Carter, Sara Lindgren, Wei Zhang, Olivia Brooks, Mohammed Aziz, Emily Walsh, Pablo Ortega, Hana Kim, ' +
  'George Evans, Lucia Romano, Tariq Malik, Charlotte Price, Nikolai Ivanov, Beatriz Costa, Adam Novak, Julia Weber, ' +
  'Kofi Boateng, Sophie Turner, Rafael Mendes'
).split(', ');

const NOTES: readonly [note: string, tags: string[], channel: Channel | null][] = [
  ['Hard of hearing: prefers chat or e-mail to phone calls.', ['accessibility'], 'chat'],
  ['Key contact for a business account; invoices go to their finance team.', ['b2b', 'vip'], 'email'],
  ['Has had two lost parcels on the same route this year.', ['delivery-watch'], null],
  ['Prefers calls in the morning.', [], 'phone'],
  ['Long-standing customer since 2016.', ['loyal'], null],
];

const emailLocalPart = (name: string): string =>
  name
    .normalize('NFD')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');

export function buildPeople(rng: Random, passwordHash: string, now: Date): People {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  const organizationRows = ORGANIZATIONS.map(([name, domain], i) => ({
    id: rng.uuid(),
    name,
    domain,
    createdAt: ago(400 - i * 20),
  }));

  const customerRows: (typeof customers.$inferInsert)[] = [];
  const seedCustomers: SeedCustomer[] = [];
  const caseyUserId = rng.uuid();
  const names = ['Casey Customer', ...CUSTOMER_NAMES];
  names.forEach((name, i) => {
    const casey = i === 0;
    const id = rng.uuid();
    const email = casey ? 'customer@demo.test' : `${emailLocalPart(name)}@example.com`;
    const note = !casey && i % 11 === 3 ? NOTES[Math.floor(i / 11) % NOTES.length] : undefined;
    const drawn = rng.weighted<Channel | null>([
      ['email', 35],
      ['web', 25],
      ['phone', 20],
      ['chat', 12],
      ['social', 5],
      [null, 3],
    ]);
    const preferredChannel = casey ? 'web' : (note?.[2] ?? drawn);
    customerRows.push({
      id,
      name,
      email,
      phone: casey || rng.chance(0.8) ? `+441632960${String(i).padStart(3, '0')}` : null,
      organizationId: !casey && rng.chance(0.35) ? rng.pick(organizationRows).id : null,
      preferredChannel,
      notes: casey ? 'Demo customer: sign in as customer@demo.test to see the portal.' : (note?.[0] ?? ''),
      tags: casey ? ['demo'] : (note?.[1] ?? []),
      createdAt: ago(rng.int(100, 500)),
    });
    seedCustomers.push({
      id,
      name,
      firstName: name.split(' ')[0] ?? name,
      email,
      preferredChannel,
      userId: casey ? caseyUserId : null,
    });
  });

  const teamIds = new Map(TEAM_NAMES.map((t) => [t, rng.uuid()]));
  const teamId = (name: TeamName) => teamIds.get(name) as string;
  const staffByEmail = new Map<string, StaffRef>();
  const membersByTeam = new Map<string, StaffRef[]>(TEAM_NAMES.map((t) => [teamId(t), []]));
  const leadOf = new Map<TeamName, string>();
  const userRows: (typeof users.$inferInsert)[] = [];
  const memberRows: (typeof teamMembers.$inferInsert)[] = [];
  for (const person of STAFF) {
    const ref: StaffRef = { id: rng.uuid(), name: person.name, email: person.email, role: person.role };
    staffByEmail.set(ref.email, ref);
    userRows.push({ ...ref, passwordHash, active: true, customerId: null, createdAt: ago(450) });
    for (const team of person.teams) {
      memberRows.push({ teamId: teamId(team), userId: ref.id });
      membersByTeam.get(teamId(team))?.push(ref);
    }
    for (const team of person.leads ?? []) leadOf.set(team, ref.id);
  }
  userRows.push({
    id: caseyUserId,
    email: 'customer@demo.test',
    name: 'Casey Customer',
    passwordHash,
    role: 'customer',
    active: true,
    customerId: customerRows[0]?.id,
    createdAt: ago(90),
  });

  const teamRows = TEAM_NAMES.map((name) => ({
    id: teamId(name),
    name,
    leadId: leadOf.get(name) ?? null,
    createdAt: ago(460),
  }));
  const seedCategories = CATEGORY_SCRIPTS.map((script) => ({ id: rng.uuid(), teamId: teamId(script.team), script }));
  const categoryRows = seedCategories.map((c) => ({
    id: c.id,
    name: c.script.name,
    description: c.script.description,
    defaultTeamId: c.teamId,
    createdAt: ago(460),
  }));

  return {
    organizations: organizationRows,
    customers: customerRows,
    users: userRows,
    teams: teamRows,
    teamMembers: memberRows,
    categories: categoryRows,
    seedCustomers,
    seedCategories,
    membersByTeam,
    staffByEmail,
  };
}
