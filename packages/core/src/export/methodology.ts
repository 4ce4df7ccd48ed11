/**
 * methodology.md: how the ring was found, for an expert reader (a defence
 * analyst, a court-appointed expert): the inputs and their digests, the
 * steps from records to rings and brokers with the papers they come from,
 * every parameter of the run, the hubs left out, the software and its
 * components, the command that repeats the analysis, how the chart was
 * drawn and how this package was built (and redacted).
 */
import { LINK_KINDS, LINK_KIND_NAMES } from '@ringlink/model';
import { ANALYSIS_DEFAULTS } from '../analysis/defaults.js';
import { iterationsFor } from './chart-layout.js';
import type { PackageView } from './package-view.js';

export const REFERENCES = [
  'V. D. Blondel, J.-L. Guillaume, R. Lambiotte, E. Lefebvre, "Fast unfolding of communities in large networks", J. Stat. Mech. (2008) P10008. doi:10.1088/1742-5468/2008/10/P10008',
  'V. A. Traag, L. Waltman, N. J. van Eck, "From Louvain to Leiden: guaranteeing well-connected communities", Scientific Reports 9 (2019) 5233. doi:10.1038/s41598-019-41695-z',
  'M. E. J. Newman, M. Girvan, "Finding and evaluating community structure in networks", Phys. Rev. E 69 (2004) 026113 (modularity).',
  'U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25(2) (2001) 163–177. doi:10.1080/0022250X.2001.9990249',
  'U. Brandes, C. Pich, "Centrality estimation in large networks", Int. J. Bifurcation and Chaos 17(7) (2007) 2303–2318. doi:10.1142/S0218127407018403',
  'W. Hoeffding, "Probability inequalities for sums of bounded random variables", J. Amer. Statist. Assoc. 58 (1963) 13–30 (sampling error bound).',
  'L. Page, S. Brin, R. Motwani, T. Winograd, "The PageRank citation ranking: bringing order to the web", Stanford InfoLab technical report 1999-66.',
  'R. Guimerà, L. A. N. Amaral, "Functional cartography of complex metabolic networks", Nature 433 (2005) 895–900 (participation coefficient).',
  'R. V. Gould, R. M. Fernandez, "Structures of mediation: a formal approach to brokerage in transaction networks", Sociological Methodology 19 (1989) 89–126.',
  'R. S. Burt, "Structural Holes: The Social Structure of Competition", Harvard University Press (1992) (hubs shared by strangers).',
  'M. Jacomy, T. Venturini, S. Heymann, M. Bastian, "ForceAtlas2, a continuous graph layout algorithm for handy network visualization designed for the Gephi software", PLoS ONE 9(6) (2014) e98679 (chart layout).',
  'C. Doty-Humphrey, sfc32 ("Small Fast Chaotic") generator, PractRand test suite (seeded pseudo-random numbers).',
] as const;

/** What each analysis parameter means (parameters not listed here are still shown, without a description). */
const PARAMETER_NOTES: Record<string, string> = {
  seed: 'seed of every random choice (Louvain node order, betweenness pivots)',
  resolution: 'Louvain resolution γ; above 1 gives more, smaller communities',
  minPersons: 'a ring is a community (connected part) with at least this many persons',
  minTies: 'a person counts as a member when tied to at least this many members; fewer makes an associate',
  louvainRuns: 'Louvain runs from different seeded streams; the partition of highest modularity is kept',
  linkWeights: 'overrides of the link-kind weights (see the weights table)',
  hubKinds: 'kinds of entity that can be hubs',
  hubMinDegree: 'a hub has at least this many distinct neighbours…',
  hubDegreeFactor: '…and at least this factor times the `hubQuantile` quantile of shared-identifier degrees',
  hubQuantile: 'the quantile the hub threshold is relative to',
  hubStrangerMinPersons: 'an identifier used by at least this many persons…',
  hubStrangerShare: '…is a hub when fewer than this share of them share anything else',
  hubAllowList: 'known benign identifiers, always hubs',
  ringMatchShare: 'a ring keeps its id when more than this share of the previous ring’s persons are in it',
  ringEventShare: 'a previous ring counts in a split or merge when at least this share of its persons went there',
  bridgeMinShare: 'a node connects a ring when at least this share of its ring ties go to that ring',
  brokerLimit: 'brokers listed in the result',
  betweenness: 'exact, sampled, or auto (exact while the work fits `betweennessExactWork`)',
  betweennessExactWork: 'Brandes work (Σ sources × (nodes + edges)) auto mode spends on exact components',
  pivotBatch: 'sources per sampling round',
  minPivots: 'least sources before sampling may stop',
  maxPivots: 'most sources sampled',
  stableRounds: 'sampling stops when the top brokers have not changed for this many rounds',
  errorDelta: 'the betweenness error bound holds with probability 1 − delta',
  pagerankDamping: 'PageRank damping factor',
  ringScoreScale: 'evidence points at which the ring score reaches 63% (1 − 1/e) of its cap',
  minScore: 'rings scoring below this are not reported',
};

const code = (v: unknown): string => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `pnpm ringlink analyze …` with the run's inputs, seed and every scalar parameter that differs from the defaults. */
export function repeatCommand(view: PackageView): { command: string; unexpressed: string[] } {
  const files = (view.run.inputs.length ? view.run.inputs : view.inputs).map((i) => i.file);
  const args = ['pnpm', 'ringlink', 'analyze', ...files.map(shellQuote), '--seed', String(view.run.seed)];
  const unexpressed: string[] = [];
  const defaults = ANALYSIS_DEFAULTS as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(view.run.parameters as Record<string, unknown>)) {
    if (k === 'seed') continue;
    const d = defaults[k];
    if (JSON.stringify(v) === JSON.stringify(d)) continue;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') args.push(`--${kebab(k)}`, shellQuote(String(v)));
    else unexpressed.push(k);
  }
  if (view.run.previousRunId) args.push('--previous', 'previous-result.json');
  args.push('--out', 'result.json');
  return { command: args.join(' '), unexpressed };
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function methodologyMarkdown(view: PackageView): string {
  const run = { ...view.run, parameters: view.run.parameters as Record<string, unknown> };
  const L: string[] = [];
  const scope = view.scope.type === 'ring' ? `ring ${view.scope.ring}` : `${view.scope.entityIds.length} chosen entities`;
  L.push(`# Methodology: ${scope}`, '');
  L.push(`Case ${view.caseRef}. Package made ${view.exportedAt} by ${view.software.name} ${view.software.version} from analysis run \`${run.id}\`.`, '');
  L.push('This file says how the ring was found, with every parameter and input digest, so that the analysis can be examined and repeated.', '');

  L.push('## 1. Inputs', '');
  L.push('The analysis read these files. Every input row ends in exactly one place: ingested, or quarantined with its reason (rows = ingested + quarantined).', '');
  L.push('| file | source | SHA-256 | rows | ingested | quarantined |', '| --- | --- | --- | ---: | ---: | ---: |');
  const reports = new Map(view.inputs.map((i) => [i.file, i]));
  for (const i of run.inputs.length ? run.inputs : view.inputs) {
    const r = reports.get(i.file);
    L.push(`| ${cell(i.file)} | ${cell(r?.source ?? '')} | \`${i.sha256}\` | ${r?.rows ?? ''} | ${r?.ingested ?? ''} | ${r?.quarantined ?? ''} |`);
  }
  L.push('');
  if (run.graph) L.push(`The network built from them had ${run.graph.entities} entities and ${run.graph.links} links; its digest (entity ids with kinds, roles and document status, then every weighted edge) is \`${run.graph.sha256}\`.`, '');

  L.push('## 2. From records to a network', '');
  L.push('Each record was mapped by its source’s mapping specification to entities (persons, phones, bank accounts, documents, e-mail addresses, addresses, organizations) and links. Identifiers were normalized before they became ids: phone numbers to E.164 (default region PK), IBANs checked by their checksum, CNICs to 13 digits, passport numbers upper-cased with their issuing country, e-mail addresses lower-cased, names Unicode-normalized. An identifier that failed validation was not guessed: the field was reported and dropped. The same identifier always gives the same id, so records from different files meet on the same entity. Persons were merged only on strong identifiers (CNIC, passport); similar names and birth dates give a `POSSIBLY_SAME_AS` link for an analyst to confirm, never a merge.', '');
  L.push('Every link keeps every record that attests it (source, file and its SHA-256, row, record id, SHA-256 of the record’s fields, observation time): these are the rows of links.csv.', '');

  L.push('## 3. Hubs', '');
  L.push('Identifiers used by very many unrelated people (a consulate’s fee account, a courier’s phone) would join every applicant into one group and top every centrality ranking. They stay in the network but are left out of ring finding and broker scores.', '');
  if (run.hubDetection?.rule) L.push(`Rule of this run: ${run.hubDetection.rule}.`, '');
  if (view.hubs.length === 0) L.push('No hub was found in this run.', '');
  else {
    L.push(`${view.hubs.length} hubs:`, '', '| id | kind | neighbours | persons | reason |', '| --- | --- | ---: | ---: | --- |');
    for (const h of view.hubs) L.push(`| \`${cell(h.id)}\` | ${h.kind} | ${h.degree ?? ''} | ${h.persons ?? ''} | ${cell(h.reason)} |`);
    L.push('');
  }

  L.push('## 4. Rings', '');
  L.push('1. The network is viewed as weighted and undirected; the weight of a link is the strength of the tie its kind stands for (table below), overridden by `linkWeights` where set.');
  L.push('2. Hubs are removed. Identifiers left with a single neighbour are folded into it (Louvain’s own aggregation step; modularity is unchanged).');
  L.push(`3. Communities are found with the Louvain method (Blondel et al. 2008), maximising weighted modularity (Newman & Girvan 2004) at resolution ${code(run.parameters.resolution ?? 1)}, with the seeded generator${run.parameters.louvainRuns !== undefined ? `, ${run.parameters.louvainRuns} runs from different seeded streams, keeping the partition of highest modularity` : ''}. Nodes and links are added in id order, so the input order does not matter.`);
  L.push('4. Every community is split into its connected parts: Louvain can return internally disconnected communities (Traag et al. 2019; this split is the cheap part of the Leiden remedy).');
  L.push(`5. Within a part, a person tied to fewer than ${code(run.parameters.minTies ?? '')} other persons of it is an associate, not a member (peeled like a k-core), and the rest is split into connected parts again.`);
  L.push(`6. A ring is a part with at least ${code(run.parameters.minPersons ?? '')} distinct persons. Its members are its persons and identifiers.`);
  L.push('7. Ring ids are matched to the previous run’s rings by member overlap (`ringMatchShare`), so a ring keeps its id as it grows; splits, merges, new and dissolved rings are recorded.', '');
  const parts = [
    run.modularity !== undefined ? `modularity ${run.modularity}` : '',
    run.communities !== undefined ? `${run.communities} communities` : '',
    run.previousRunId ? `ids carried over from run \`${run.previousRunId}\`` : 'no previous run (ids numbered afresh)',
  ].filter(Boolean);
  L.push(`This run: ${parts.join('; ')}.`, '');
  L.push('Link weights (strength of the tie) used by this run:', '', '| link kind | weight | meaning |', '| --- | ---: | --- |');
  const overrides = (run.parameters.linkWeights ?? {}) as Record<string, number>;
  for (const k of LINK_KIND_NAMES) {
    const w = overrides[k] ?? LINK_KINDS[k].weight;
    L.push(`| ${k} | ${w}${overrides[k] !== undefined ? ' (set)' : ''} | ${cell(LINK_KINDS[k].description)} |`);
  }
  L.push('');
  if (view.ring) {
    L.push(`Ring ${view.ring.id} scored ${view.ring.score} of 100.${view.ring.scoreParts ? ` ${view.ring.scoreParts.formula}; here ${view.ring.scoreParts.points} evidence points, cohesion ${view.ring.scoreParts.cohesion}.` : ''}`, '');
  }

  L.push('## 5. Brokers', '');
  L.push('Brokers are computed on the broker graph: hubs removed, identifiers used by one person folded into that person, and documents supplied by one person folded into their supplier.', '');
  L.push('- Betweenness: the share of shortest paths between pairs of nodes that pass through a node (Brandes 2001), normalized; links are unweighted for this (weights are strengths, not distances).');
  const b = run.betweenness;
  if (b) {
    L.push(`- Mode in this run: ${b.mode}.${b.mode === 'sampled' || b.mode === 'mixed' ? ` Large components were sampled by the pivot method of Brandes & Pich (2007): ${b.pivots ?? '?'} sources of ${b.pivotPopulation ?? '?'}; every betweenness value is within ±${b.epsilon} of the exact one with probability ${1 - (b.delta ?? 0)} (Hoeffding 1963).` : ''}${b.note ? ` ${b.note}.` : ''}`);
  }
  L.push('- Ring betweenness: the share of shortest paths between persons of different rings that pass through the node.');
  L.push(`- Rings connected (bridging): the rings receiving at least ${code(run.parameters.bridgeMinShare ?? '')} of the node’s ties into rings.`);
  L.push('- Participation coefficient (Guimerà & Amaral 2005) and brokerage roles (Gould & Fernandez 1989) over the communities of the node’s neighbours.');
  L.push(`- PageRank (Page et al. 1999), damping ${code(run.parameters.pagerankDamping ?? '')}.`);
  L.push('- Ranking: nodes that connect two or more rings first, by ring betweenness, then rings connected, then betweenness.', '');

  L.push('## 6. Parameters of the run', '');
  L.push(`Seed: \`${run.seed}\`.`, '', '| parameter | value | meaning |', '| --- | --- | --- |');
  for (const [k, v] of Object.entries(run.parameters)) L.push(`| ${k} | ${cell(code(v))} | ${cell(PARAMETER_NOTES[k] ?? '')} |`);
  L.push('');

  L.push('## 7. Software', '');
  L.push(`Analysis: ${run.software.name} ${run.software.version}.${view.software.version !== run.software.version ? ` Package: ${view.software.name} ${view.software.version}.` : ''}`, '');
  const comps = Object.entries(run.software.components ?? {});
  if (comps.length > 0) {
    L.push('| component | version |', '| --- | --- |');
    for (const [k, v] of comps) L.push(`| ${k} | ${v} |`);
    L.push('');
  }

  L.push('## 8. Repeating the analysis', '');
  const { command, unexpressed } = repeatCommand(view);
  L.push(`With the input files above (check their SHA-256 first) in the current directory and ${run.software.name} ${run.software.version}:`, '');
  L.push('```sh', command, '```', '');
  if (unexpressed.length > 0) L.push(`The parameters ${unexpressed.map((k) => `\`${k}\``).join(', ')} differ from the defaults and are not single values: set them as listed in section 6.`, '');
  if (run.previousRunId) L.push(`Ring ids are carried over from the previous run \`${run.previousRunId}\`: \`previous-result.json\` is that run’s result file. Without it the rings are the same but numbered afresh.`, '');
  L.push(`The repeated run must report run id \`${run.id}\`${run.graph ? ` and graph digest \`${run.graph.sha256}\`` : ''}: the run id is a digest of the software version, parameters, seed and input digests. The result is the same byte for byte except the wall-clock timings.`, '');

  L.push('## 9. The chart', '');
  L.push(`chart.svg (and the chart page of report.pdf) is laid out by ForceAtlas2 (Jacomy et al. 2014; graphology-layout-forceatlas2) for a fixed ${iterationsFor(view.nodes.length)} iterations from a seeded start (nodes on a circle, jittered by the sfc32 generator seeded from the scope). Nearness on the chart shows who is linked to whom and nothing more. graph.graphml carries the same coordinates.`, '');

  L.push('## 10. This package', '');
  L.push(`The package holds the ${view.nodes.filter((n) => n.member).length} members of ${scope}, the ${view.nodes.filter((n) => !n.member).length} third parties they are linked to, and the ${view.edges.length} links among the members and from members to third parties, each with every record that attests it.`, '');
  L.push('It is deterministic: the same inputs and export time give the same bytes (files in a fixed order, stored uncompressed, every zip timestamp set to the export time, no randomness). manifest.json lists the SHA-256 of every other file; `ringlink verify <package.zip>` recomputes them and names any file that differs.', '');
  if (view.redaction.applied) {
    const r = view.redaction;
    L.push(`Redaction: ${r.rule}`, '');
    L.push(`Masked: ${r.masked!.entities} entities (${Object.entries(r.masked!.byKind).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'})` +
      `${r.maskedOutsidePackage ? `, and ${r.maskedOutsidePackage} further ids named by the run (hubs, allow-list)` : ''}.` +
      `${r.notMaskable ? ` ${r.notMaskable} third-party identifiers also appear inside a member’s own id or properties (e.g. an IBAN that is a bank statement’s number) and are shown there as they are.` : ''}`, '');
  } else L.push('Redaction: none; third parties are shown in full.', '');

  L.push('## References', '');
  REFERENCES.forEach((r, i) => L.push(`${i + 1}. ${r}`));
  L.push('');
  return L.join('\n');
}
