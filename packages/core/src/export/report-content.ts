/**
 * The plain-language account of a package, as structured content that
 * report-html.ts and report-pdf.ts both render: who is in the ring and in
 * what role, what binds them, money and calls, the brokers and why, who is
 * outside the ring, and how it was found. Written for a reader who is not
 * an analyst.
 *
 * Every factual statement cites the links that support it; each cited link
 * becomes one numbered note naming its rows in links.csv (link reference
 * and line numbers) and its records (file, row, record id, date). The
 * account is bounded whatever the ring's size (at most MAX_* items per
 * section), the rest being in the CSV files, so large rings stay quick to
 * render.
 */
import type { LinkKind } from '@ringlink/model';
import { ENTITY_KIND_NAMES } from '@ringlink/model';
import { countOf, kindNoun, LINK_VERBS } from './labels.js';
import { readerName, type PackageView, type ViewEdge, type ViewNode } from './package-view.js';

export type Inline = string | { fn: number } | { b: string } | { code: string };

export type Block =
  | { type: 'p'; content: Inline[] }
  | { type: 'note'; content: Inline[] }
  | { type: 'list'; items: Inline[][] }
  | { type: 'table'; head: string[]; rows: Inline[][][]; className?: string }
  | { type: 'chart'; caption: string };

export interface Section {
  id: string;
  heading: string;
  blocks: Block[];
}

export interface Footnote {
  n: number;
  ref: string;
  /** links.csv lines, e.g. "lines 12–14". */
  lines: string;
  statement: string;
  sources: Array<{ file: string; row: number; recordId: string; observedAt: string | null }>;
  /** Records of the link not listed in the note. */
  more: number;
}

export interface ReportContent {
  title: string;
  subtitle: string;
  meta: Array<[string, string]>;
  sections: Section[];
  footnotes: Footnote[];
}

export const REPORT_LIMITS = {
  people: 300,
  tiesPerPerson: 8,
  bindingIdentifiers: 40,
  personsPerIdentifier: 30,
  flows: 25,
  brokerLinks: 10,
  sourcesPerNote: 5,
} as const;

/** What a link says from the identifier's side, with the person as subject: "gave it as contact phone". */
const OBJECT_PHRASES: Partial<Record<LinkKind, string>> = {
  APPLIED_VIA: 'applied through it',
  USES_PHONE: 'gave it as contact phone',
  USES_EMAIL: 'gave it as contact e-mail',
  LIVES_AT: 'gave it as address',
  HOLDS_ACCOUNT: 'holds or declared it',
  PAID_INTO: 'paid a fee into it',
  HOLDS_DOCUMENT: 'holds or submitted it',
  SUPPLIED_DOCUMENT: 'supplied it or was found with it',
  WORKS_FOR: 'works for it',
  OWNS: 'owns it',
};

/** Thousands with commas, without Intl (its output depends on the ICU build). */
const fmtInt = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
const capital = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function roleText(n: ViewNode): string {
  const roles = n.roles.map((r) => r.toLowerCase());
  if (roles.length === 0) return n.kind === 'Person' ? 'person' : kindNoun(n.kind);
  return roles.join(' and ');
}

function identityText(n: ViewNode): string {
  if (n.masked) return 'masked';
  const parts: string[] = [];
  if (typeof n.props.cnic === 'string') parts.push(`CNIC ${n.props.cnic}`);
  if (Array.isArray(n.props.passportKeys)) for (const pk of n.props.passportKeys) parts.push(`passport ${pk.replace(':', ' ')}`);
  if (typeof n.props.birthDate === 'string') parts.push(`born ${n.props.birthDate}`);
  if (parts.length > 0) return parts.join('; ');
  const record = /^person:record:([^:]+):(.+):[^:]+$/.exec(n.id);
  return record ? `no identity number; named in ${record[1]} record ${record[2]}` : n.id;
}

export function buildReportContent(view: PackageView): ReportContent {
  const footnotes: Footnote[] = [];
  const noteOf = new Map<string, number>();
  const node = (id: string): ViewNode => view.nodeById.get(id)!;

  /** A reader's name for a node: "Fatima Abbasi (P3)", "phone +923…", "Third party 2". */
  const name = (n: ViewNode): string => (n.key ? `${n.label} (${n.key})` : readerName(n));
  const statementOf = (e: ViewEdge): string => `${capital(name(node(e.from)))} ${LINK_VERBS[e.type]} ${name(node(e.to))}`;
  const cite = (e: ViewEdge): Inline => {
    let n = noteOf.get(e.ref);
    if (n === undefined) {
      n = footnotes.length + 1;
      noteOf.set(e.ref, n);
      const last = e.firstLine + Math.max(1, e.evidence.length) - 1;
      footnotes.push({
        n,
        ref: e.ref,
        lines: last === e.firstLine ? `line ${e.firstLine}` : `lines ${e.firstLine}–${last}`,
        statement: statementOf(e),
        sources: e.evidence.slice(0, REPORT_LIMITS.sourcesPerNote).map((ev) => ({ file: ev.file, row: ev.row, recordId: ev.recordId, observedAt: ev.observedAt })),
        more: Math.max(0, e.evidence.length - REPORT_LIMITS.sourcesPerNote),
      });
    }
    return { fn: n };
  };

  const members = view.nodes.filter((n) => n.member);
  const persons = members.filter((n) => n.kind === 'Person');
  const identifiers = members.filter((n) => n.kind !== 'Person');
  const third = view.nodes.filter((n) => !n.member);
  const agents = persons.filter((n) => n.roles.includes('Agent'));
  const applicants = persons.filter((n) => n.roles.includes('Applicant'));
  const edgesOf = new Map<string, ViewEdge[]>();
  for (const e of view.edges) {
    for (const end of [e.from, e.to]) {
      const list = edgesOf.get(end) ?? [];
      list.push(e);
      edgesOf.set(end, list);
    }
  }
  const other = (e: ViewEdge, id: string): ViewNode => node(e.from === id ? e.to : e.from);
  const breakdown = (nodes: readonly ViewNode[]): string => {
    const parts: string[] = [];
    for (const kind of ENTITY_KIND_NAMES) {
      const c = nodes.filter((n) => n.kind === kind).length;
      if (c > 0) parts.push(countOf(kind, c));
    }
    return parts.length === 0 ? 'none' : parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  };
  const brokers = view.nodes.filter((n) => n.broker).sort((a, b) => a.broker!.rank - b.broker!.rank);
  const scopeName = view.scope.type === 'ring' ? `ring ${view.scope.ring}` : 'the chosen entities';
  const sections: Section[] = [];

  // About.
  const date = view.exportedAt.slice(0, 10);
  const time = view.exportedAt.slice(11, 19);
  const about: Block[] = [
    { type: 'p', content: [
      `This package was prepared for case ${view.caseRef} on ${date} at ${time} UTC with ${view.software.name} ${view.software.version}. ` +
      `It rests on analysis run `, { code: view.run.id }, ` of ${view.inputs.length || view.run.inputs.length} record files ` +
      `(${(view.inputs.length ? view.inputs.map((i) => i.file) : view.run.inputs.map((i) => i.file)).join(', ')}).`,
    ] },
    { type: 'p', content: [
      'Every statement below ends with a note number in square brackets, like [1]. The notes at the end name the rows of links.csv that ' +
      'support the statement and, for each, the original record: the file, its row number and the record’s own id. links.csv also gives the ' +
      'SHA-256 digest of each file and record, so anyone holding the original files can check that these are the records that were analysed.',
    ] },
    { type: 'note', content: [
      { b: 'What a link means. ' },
      'A link in this package means that one or more records connect two entries — for example, two visa applications that give the same ' +
      'phone number, or a bank transfer from one account to another. A link is a fact about the records. It is not, by itself, proof that ' +
      'anyone did anything wrong; the records behind each link are named so that they can be examined.',
    ] },
  ];
  if (view.redaction.applied) {
    const m = view.redaction.masked!;
    about.push({ type: 'note', content: [
      { b: 'Third parties are masked. ' },
      `The identities of the ${m.entities} entries outside ${scopeName} (third parties) are masked in every file of this package: people, ` +
      'organizations and addresses appear as numbered labels such as “Third party 3”; phone numbers, accounts, document numbers and e-mail ' +
      'addresses show only a few of their characters. Their links and the records behind those links are kept.',
    ] });
  }
  sections.push({ id: 'about', heading: 'About this package', blocks: about });

  // Identifiers linked to two or more persons of the ring: what binds them.
  const binding = identifiers
    .map((n) => ({ n, ties: (edgesOf.get(n.id) ?? []).filter((e) => e.internal && other(e, n.id).kind === 'Person') }))
    .map((x) => ({ ...x, persons: new Set(x.ties.map((e) => other(e, x.n.id).id)).size }))
    .filter((x) => x.persons >= 2)
    .sort((a, b) => b.persons - a.persons || ENTITY_KIND_NAMES.indexOf(a.n.kind) - ENTITY_KIND_NAMES.indexOf(b.n.kind) || (a.n.label < b.n.label ? -1 : 1));
  // In brief.
  const brief: Block[] = [];
  if (view.scope.type === 'ring') {
    const roleBits: string[] = [];
    if (applicants.length) roleBits.push(`${applicants.length} ${applicants.length === 1 ? 'applicant' : 'applicants'}`);
    if (agents.length) roleBits.push(`${agents.length} ${agents.length === 1 ? 'agent' : 'agents'}`);
    const ring = view.ring;
    brief.push({ type: 'p', content: [
      `The analysis found a group of ${persons.length} ${persons.length === 1 ? 'person' : 'persons'}` +
      `${roleBits.length ? ` (${roleBits.join(' and ')}; a person can be both)` : ''} and ${identifiers.length} ` +
      `${identifiers.length === 1 ? 'identifier' : 'identifiers'} they use (${breakdown(identifiers)}), tied to one another by the records. ` +
      `${binding.length} of these identifiers are each used by two or more of the persons. The analysis calls this group ring ${view.scope.ring}.`,
      ring && ring.persons !== persons.length
        ? ` (It counts ${ring.persons} distinct persons: some records name a person without an identity number, and such a record is counted with the person of the same name.)`
        : '',
    ] });
    if (ring) {
      const parts = ring.scoreParts;
      brief.push({ type: 'p', content: [
        `The analysis gave the ring a score of ${ring.score} out of 100. The score grows with the evidence that binds the members — shared bank ` +
        'accounts and forged documents count most — and with the share of the members’ links that stay inside the group' +
        (parts ? ` (here ${pct(parts.cohesion)}; ${parts.sharedAccounts} shared bank ${parts.sharedAccounts === 1 ? 'account' : 'accounts'}, ${parts.forgedDocuments} forged or suspect ${parts.forgedDocuments === 1 ? 'document' : 'documents'}).` : '.'),
      ] });
    }
  } else {
    brief.push({ type: 'p', content: [`This package covers ${members.length} entries chosen by the analyst: ${breakdown(members)}.`] });
  }
  brief.push({ type: 'p', content: [
    `The package also shows ${third.length} ${third.length === 1 ? 'entry' : 'entries'} outside ${scopeName} that members are linked to ` +
    `(third parties: ${breakdown(third)}), and ${brokers.length} ${brokers.length === 1 ? 'broker' : 'brokers'} — entries that connect ` +
    `separate rings. In all it holds ${view.edges.length} links, attested by ${view.edges.reduce((a, e) => a + e.evidence.length, 0)} records.`,
  ] });
  sections.push({ id: 'brief', heading: 'In brief', blocks: brief });

  sections.push({ id: 'chart', heading: 'The chart', blocks: [{ type: 'chart', caption:
    'chart.svg: the ring drawn as a network. Shapes and colours tell the kinds apart (see its legend); filled shapes are members, hollow ' +
    'dashed ones third parties; brokers are larger with a thick outline. Persons carry the numbers P1, P2, … used below.' }] });

  // People.
  if (persons.length > 0) {
    const rows: Inline[][][] = [];
    for (const p of persons.slice(0, REPORT_LIMITS.people)) {
      const ties = (edgesOf.get(p.id) ?? []).filter((e) => e.internal);
      const cells: Inline[] = [];
      ties.slice(0, REPORT_LIMITS.tiesPerPerson).forEach((e, i) => {
        const o = other(e, p.id);
        const phrase = e.from === p.id ? `${LINK_VERBS[e.type]} ${name(o)}` : `${name(o)} ${LINK_VERBS[e.type]} this person`;
        cells.push(`${i > 0 ? '; ' : ''}${phrase} `, cite(e));
      });
      if (ties.length > REPORT_LIMITS.tiesPerPerson) cells.push(`; and ${ties.length - REPORT_LIMITS.tiesPerPerson} more links (links.csv)`);
      if (ties.length === 0) cells.push('no link to another member in this package');
      rows.push([[p.key!], [p.label], [roleText(p)], [identityText(p)], cells]);
    }
    const blocks: Block[] = [
      { type: 'p', content: [`The ${persons.length} persons of ${scopeName}, agents first. Each is numbered (P1, P2, …) as in the chart.`] },
      { type: 'table', head: ['#', 'Name', 'Role', 'Identity', 'Tied to the ring by'], rows, className: 'people' },
    ];
    if (persons.length > REPORT_LIMITS.people) blocks.push({ type: 'p', content: [`${persons.length - REPORT_LIMITS.people} more persons are listed in entities.csv.`] });
    for (const a of agents) {
      const clients = (edgesOf.get(a.id) ?? []).filter((e) => e.type === 'APPLIED_VIA' && e.to === a.id && e.internal);
      if (clients.length === 0) continue;
      const content: Inline[] = [{ b: name(a) }, ` is recorded as the agent through whom ${clients.length} ${clients.length === 1 ? 'person' : 'persons'} of the ring applied: `];
      clients.slice(0, REPORT_LIMITS.personsPerIdentifier).forEach((e, i) => content.push(`${i > 0 ? ', ' : ''}${name(node(e.from))} `, cite(e)));
      if (clients.length > REPORT_LIMITS.personsPerIdentifier) content.push(`, and ${clients.length - REPORT_LIMITS.personsPerIdentifier} more`);
      content.push('.');
      blocks.push({ type: 'p', content });
    }
    sections.push({ id: 'people', heading: 'Who is in the ring', blocks });
  }

  // What binds them.
  {
    const blocks: Block[] = [];
    if (binding.length === 0) {
      blocks.push({ type: 'p', content: ['No identifier in this package is linked to two or more persons of the ring.'] });
    } else {
      blocks.push({ type: 'p', content: [
        `${binding.length} phone numbers, bank accounts, documents and other identifiers are each linked to two or more persons of the ring. ` +
        'Strangers rarely share these; when several applicants give the same contact phone, pay into the same account or submit the same ' +
        'supporting document, the records tie them together.',
      ] });
      for (const { n, ties, persons: count } of binding.slice(0, REPORT_LIMITS.bindingIdentifiers)) {
        const content: Inline[] = [{ b: capital(name(n)) }, ` — linked to ${count} persons of the ring: `];
        ties.slice(0, REPORT_LIMITS.personsPerIdentifier).forEach((e, i) => {
          const p = other(e, n.id);
          const phrase = e.from === p.id ? (OBJECT_PHRASES[e.type] ?? `${LINK_VERBS[e.type]} it`) : `is linked to it (${e.type})`;
          content.push(`${i > 0 ? '; ' : ''}${name(p)} ${phrase} `, cite(e));
        });
        if (ties.length > REPORT_LIMITS.personsPerIdentifier) content.push(`; and ${ties.length - REPORT_LIMITS.personsPerIdentifier} more links (links.csv)`);
        content.push('.');
        blocks.push({ type: 'p', content });
      }
      if (binding.length > REPORT_LIMITS.bindingIdentifiers) {
        blocks.push({ type: 'p', content: [`${binding.length - REPORT_LIMITS.bindingIdentifiers} more shared identifiers are in entities.csv and links.csv.`] });
      }
    }
    const single = identifiers.length - binding.length;
    if (single > 0) blocks.push({ type: 'p', content: [`${single} further ${single === 1 ? 'identifier belongs' : 'identifiers belong'} to the ring through links to one person or to other identifiers (for example an account that a shared account paid); they are in entities.csv.`] });
    sections.push({ id: 'binding', heading: 'What binds them', blocks });
  }

  // Money and calls.
  {
    const flows = view.edges.filter((e) => e.internal && (e.type === 'PAID' || e.type === 'CALLED'));
    const outside = view.edges.filter((e) => !e.internal && (e.type === 'PAID' || e.type === 'CALLED')).length;
    const blocks: Block[] = [];
    if (flows.length > 0) {
      const weightOf = (e: ViewEdge): number => (typeof e.props.amount === 'number' ? e.props.amount : 0) + e.evidence.length;
      const sorted = [...flows].sort((a, b) => (a.type === b.type ? weightOf(b) - weightOf(a) : a.type === 'PAID' ? -1 : 1) || (a.ref < b.ref ? -1 : 1));
      const items: Inline[][] = sorted.slice(0, REPORT_LIMITS.flows).map((e) => {
        const times = e.evidence.length === 1 ? 'once' : `${e.evidence.length} times`;
        let detail = '';
        if (e.type === 'PAID' && typeof e.props.amount === 'number') {
          const currency = typeof e.props.currency === 'string' ? ` ${e.props.currency}` : '';
          detail = `, ${fmtInt(e.props.amount)}${currency} in total`;
        }
        if (e.type === 'CALLED' && typeof e.props.durationS === 'number') detail = `, ${fmtInt(e.props.durationS / 60)} minutes in total`;
        const span = typeof e.props.firstSeen === 'string' && typeof e.props.lastSeen === 'string'
          ? (e.props.firstSeen.slice(0, 10) === e.props.lastSeen.slice(0, 10) ? ` on ${e.props.firstSeen.slice(0, 10)}` : ` between ${e.props.firstSeen.slice(0, 10)} and ${e.props.lastSeen.slice(0, 10)}`)
          : '';
        return [`${capital(name(node(e.from)))} ${LINK_VERBS[e.type]} ${name(node(e.to))} ${times}${detail}${span} `, cite(e)];
      });
      blocks.push({ type: 'p', content: ['Money moved and calls made between the ring’s own accounts and phones:'] });
      blocks.push({ type: 'list', items });
      if (flows.length > REPORT_LIMITS.flows) blocks.push({ type: 'p', content: [`${flows.length - REPORT_LIMITS.flows} more are in links.csv.`] });
    } else {
      blocks.push({ type: 'p', content: ['The records show no payments or calls between the ring’s own accounts and phones.'] });
    }
    if (outside > 0) blocks.push({ type: 'p', content: [`${outside} payments or call links run between the ring and third parties; they are in links.csv.`] });
    sections.push({ id: 'flows', heading: 'Money and calls', blocks });
  }

  // Brokers.
  {
    const blocks: Block[] = [{ type: 'p', content: [
      'A broker is a person or an identifier that connects groups which would otherwise be apart — for example a document forger or a money ' +
      'mule who serves several rings. The analysis measures this by betweenness: the share of the shortest chains of links between people ' +
      'that pass through an entry (Brandes 2001; see methodology.md).',
    ] }];
    if (brokers.length === 0) blocks.push({ type: 'p', content: ['No broker of the analysis is among the entries of this package.'] });
    for (const b of brokers) {
      const br = b.broker!;
      const where = b.member ? `a member of ${scopeName}` : `outside ${scopeName}`;
      const content: Inline[] = [
        { b: capital(name(b)) },
        ` (${where}) ranks ${br.rank} among the brokers of the whole analysis. ` +
        (br.bridging >= 2
          ? `It connects ${br.bridging} rings (${br.rings.join(', ')}).`
          : `It does not connect rings: it is central within ${br.rings[0] ? `ring ${br.rings[0]}` : 'its own part of the network'}.`) +
        (br.ringBetweenness !== undefined ? ` ${pct(br.ringBetweenness)} of the shortest connections between persons of different rings pass through it.` : '') +
        ` Its betweenness is ${br.betweenness}.`,
      ];
      const links = edgesOf.get(b.id) ?? [];
      if (links.length > 0) {
        content.push(' In this package it is linked to ');
        links.slice(0, REPORT_LIMITS.brokerLinks).forEach((e, i) => content.push(`${i > 0 ? ', ' : ''}${name(other(e, b.id))} `, cite(e)));
        if (links.length > REPORT_LIMITS.brokerLinks) content.push(`, and ${links.length - REPORT_LIMITS.brokerLinks} more`);
        content.push('.');
      }
      blocks.push({ type: 'p', content });
      if (br.explanation) blocks.push({ type: 'note', content: [{ b: 'The analysis’ own words: ' }, br.explanation] });
    }
    sections.push({ id: 'brokers', heading: 'Brokers', blocks });
  }

  // Outside the ring.
  {
    const blocks: Block[] = [{ type: 'p', content: [
      `${third.length} ${third.length === 1 ? 'entry' : 'entries'} outside ${scopeName} ${third.length === 1 ? 'is' : 'are'} shown because members are linked to ` +
      `${third.length === 1 ? 'it' : 'them'}: ${breakdown(third)}. They are shown so that the members’ links can be seen in full; being linked to a ` +
      'member does not make them part of the ring.' + (view.redaction.applied ? ' Their identities are masked.' : ''),
    ] }];
    if (view.hubs.length > 0) {
      const inPackage = view.hubs.filter((h) => h.inPackage);
      blocks.push({ type: 'p', content: [
        'Some identifiers are used by very many unrelated people — a consulate’s fee account, a courier’s phone, a large agency. The analysis ' +
        `left ${view.hubs.length} such “hubs” out when it looked for rings, or every applicant would have been joined into one group. ` +
        (inPackage.length > 0 ? `${inPackage.length} of them ${inPackage.length === 1 ? 'is' : 'are'} linked to members here:` : 'None of them is linked to members here.'),
      ] });
      if (inPackage.length > 0) blocks.push({ type: 'list', items: inPackage.map((h) => [`${kindNoun(h.kind)} ${h.label}: ${h.reason}`]) });
    }
    sections.push({ id: 'outside', heading: 'Outside the ring', blocks });
  }

  // Method.
  {
    const blocks: Block[] = [{ type: 'p', content: [
      'The records were read, checked and joined into one network: every phone number, account, document and person became one entry, ' +
      'however it was spelled, and every record that connects two entries became evidence of a link between them. Rings were then found as ' +
      'groups of entries much more densely linked among themselves than to the rest (the Louvain method, Blondel et al. 2008, each group split ' +
      'into its connected parts, as Traag et al. 2019 advise), leaving out the hubs. The run used a fixed random seed ' +
      `(${view.run.seed}), so it can be repeated and gives the same result. methodology.md gives the method, every parameter, the input ` +
      'files with their digests, and the command that repeats the analysis.',
    ] }];
    if (view.ring?.explanation) blocks.push({ type: 'note', content: [{ b: 'The analysis’ own summary of the ring: ' }, view.ring.explanation] });
    sections.push({ id: 'method', heading: 'How the ring was found', blocks });
  }

  // Files.
  sections.push({ id: 'files', heading: 'The files in this package and how to check them', blocks: [
    { type: 'list', items: [
      [{ code: 'report.html' }, ' / ', { code: 'report.pdf' }, ': this account.'],
      [{ code: 'chart.svg' }, ': the network drawn, for printing on A4 landscape.'],
      [{ code: 'entities.csv' }, ': every entry of the package, one per row: members and third parties.'],
      [{ code: 'links.csv' }, ': every link, one row per record that attests it (source, file, file digest, row, record id, record digest, date).'],
      [{ code: 'graph.graphml' }, ': the same network for Gephi, yEd, Cytoscape and other network tools.'],
      [{ code: 'methodology.md' }, ': how the ring was found, with parameters, references and the command that repeats the analysis.'],
      [{ code: 'manifest.json' }, ': what was exported, from which analysis run, and the SHA-256 digest of every other file.'],
    ] },
    { type: 'p', content: [
      'To check that nothing in the package has changed, run ', { code: 'ringlink verify <package.zip>' }, ', which recomputes every digest and ' +
      'names any file that differs. Without ringlink: unzip the package and compare the output of ', { code: 'sha256sum <file>' },
      ' for each file with the digest listed in manifest.json.',
    ] },
  ] });

  const title = view.scope.type === 'ring' ? `Evidence package: ring ${view.scope.ring}` : 'Evidence package: chosen entities';
  return {
    title,
    subtitle: `Case ${view.caseRef} · exported ${date} ${time} UTC`,
    meta: [
      ['Case', view.caseRef],
      ['Scope', view.scope.type === 'ring' ? `ring ${view.scope.ring}` : `${view.scope.entityIds.length} chosen entities`],
      ['Exported', `${date} ${time} UTC`],
      ['Analysis run', view.run.id],
      ['Software', `${view.software.name} ${view.software.version}`],
      ['Third parties', view.redaction.applied ? 'masked' : 'shown in full'],
    ],
    sections,
    footnotes,
  };
}
