/**
 * Small hand-made graphs for the analysis tests, whose rings, hubs and
 * brokers are known by construction. Not exported from the package.
 */
import { linkId, type Entity, type Evidence, type Link, type LinkKind, type ResolvedGraph } from '@ringlink/model';

export class GraphBuilder {
  private readonly entities = new Map<string, Entity>();
  private readonly links = new Map<string, Link>();
  private row = 0;

  entity(id: string, props: Entity['props'] = {}, roles: Entity['roles'] = []): string {
    const kind = ({ person: 'Person', phone: 'Phone', account: 'BankAccount', document: 'Document', email: 'Email', address: 'Address', organization: 'Organization' } as const)[
      id.slice(0, id.indexOf(':')) as 'person'
    ];
    if (!kind) throw new Error(`test graph: unknown id prefix in ${id}`);
    const e = this.entities.get(id);
    if (e) {
      for (const r of roles) if (!e.roles.includes(r)) e.roles.push(r);
    } else this.entities.set(id, { id, kind, roles: [...roles], props, evidence: [], aliases: [] });
    return id;
  }

  person(id: string, role?: 'Applicant' | 'Agent', name?: string): string {
    return this.entity(id.startsWith('person:') ? id : `person:cnic:${id}`, name ? { name } : {}, role ? [role] : []);
  }

  link(type: LinkKind, from: string, to: string, records = 1): this {
    for (const id of [from, to]) if (!this.entities.has(id)) this.entity(id);
    const id = linkId(type, from, to);
    let l = this.links.get(id);
    if (!l) this.links.set(id, (l = { id, type, from, to, props: {}, evidence: [] }));
    for (let i = 0; i < records; i++) {
      this.row++;
      const ev: Evidence = {
        source: 'test', file: 'test.csv', fileSha256: '0'.repeat(64), row: this.row, recordId: `r${this.row}`,
        recordSha256: String(this.row).padStart(64, '0'), observedAt: null,
      };
      l.evidence.push(ev);
    }
    return this;
  }

  build(): ResolvedGraph {
    return {
      entities: [...this.entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      links: [...this.links.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      merges: [],
    };
  }
}

export interface RingNet {
  graph: ResolvedGraph;
  rings: Record<'A' | 'B' | 'C', string[]>;
  agents: Record<'A' | 'B' | 'C', string>;
  forger: string;
  mule: string;
  fixer: string;
  consulate: string;
  background: string[];
}

/**
 * Three rings A, B, C (an agent and `size` applicants each, bound by the
 * agent, a shared statement account and a forged letter; three applicants
 * give the agent's phone), a forger who supplied documents to A and B, a
 * money mule whose account B's and C's accounts paid, a fixer whose phone
 * called A's and C's agents, a consulate fee account everybody paid (a hub)
 * and `background` honest applicants with only their own identifiers.
 */
export function ringNet(options: { size?: number; background?: number; extraA?: number } = {}): RingNet {
  const size = options.size ?? 5;
  const background = options.background ?? 40;
  const b = new GraphBuilder();
  const consulate = b.entity('account:PK00CONSULATE0000000001');
  const rings = { A: [] as string[], B: [] as string[], C: [] as string[] };
  const agents = {} as Record<'A' | 'B' | 'C', string>;
  const statement: Record<string, string> = {};
  const agentPhone: Record<string, string> = {};
  (['A', 'B', 'C'] as const).forEach((r, ri) => {
    const agent = b.person(`${ri + 1}000000000000`, 'Agent', `Agent ${r}`);
    agents[r] = agent;
    rings[r].push(agent);
    agentPhone[r] = b.entity(`phone:+9230000000${ri + 1}0`);
    b.link('USES_PHONE', agent, agentPhone[r]!, 5);
    statement[r] = b.entity(`account:PK00RING${r}000000000000000`);
    const letter = b.entity(`document:employment_letter:PAK:EL${r}0001`, { status: 'forged' });
    const n = size + (r === 'A' ? options.extraA ?? 0 : 0);
    for (let i = 0; i < n; i++) {
      const p = b.person(`${ri + 1}1000000000${String(i).padStart(2, '0')}`, 'Applicant', `Applicant ${r}${i}`);
      rings[r].push(p);
      b.link('APPLIED_VIA', p, agent);
      b.link('HOLDS_ACCOUNT', p, statement[r]!);
      b.link('HOLDS_DOCUMENT', p, letter);
      b.link('HOLDS_DOCUMENT', p, b.entity(`document:passport:PAK:${r}${String(i).padStart(7, '0')}`, { status: 'genuine' }));
      b.link('USES_PHONE', p, i < 3 ? agentPhone[r]! : b.entity(`phone:+923011${ri + 1}${String(i).padStart(5, '0')}`));
      b.link('PAID_INTO', p, consulate);
    }
  });
  const forger = b.person('9100000000001', undefined, 'The Forger');
  b.link('USES_PHONE', forger, b.entity('phone:+923099900001'));
  for (const r of ['A', 'B'] as const) {
    for (let i = 1; i <= 2; i++) {
      const doc = b.entity(`document:bank_statement:PAK:F${r}${i}`, { status: 'forged' });
      b.link('SUPPLIED_DOCUMENT', forger, doc);
      b.link('HOLDS_DOCUMENT', rings[r][i]!, doc);
    }
  }
  const mule = b.person('9100000000002', undefined, 'The Mule');
  const muleAccount = b.entity('account:PK00MULE0000000000000001');
  b.link('HOLDS_ACCOUNT', mule, muleAccount);
  b.link('PAID', statement.B!, muleAccount, 3);
  b.link('PAID', statement.C!, muleAccount, 3);
  const fixer = b.person('9100000000003', undefined, 'The Fixer');
  const fixerPhone = b.entity('phone:+923099900003');
  b.link('USES_PHONE', fixer, fixerPhone);
  b.link('CALLED', fixerPhone, agentPhone.A!, 4);
  b.link('CALLED', fixerPhone, agentPhone.C!, 4);
  const bg: string[] = [];
  for (let i = 0; i < background; i++) {
    const p = b.person(`5${String(i).padStart(12, '0')}`, 'Applicant', `Honest ${i}`);
    bg.push(p);
    b.link('USES_PHONE', p, b.entity(`phone:+92305${String(i).padStart(7, '0')}`));
    b.link('HOLDS_DOCUMENT', p, b.entity(`document:passport:PAK:H${String(i).padStart(7, '0')}`, { status: 'genuine' }));
    b.link('PAID_INTO', p, consulate);
  }
  return { graph: b.build(), rings, agents, forger, mule, fixer, consulate, background: bg };
}

/** A copy of the graph with entities and links in a shuffled (but fixed) order. */
export function shuffled(graph: ResolvedGraph): ResolvedGraph {
  const mix = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    let s = 12345;
    for (let i = out.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) >>> 0;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { entities: mix(graph.entities), links: mix(graph.links), merges: graph.merges };
}
