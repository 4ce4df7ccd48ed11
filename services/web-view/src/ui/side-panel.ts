/**
 * The right-hand panel: what the selected thing is and what proves it.
 * An entity's properties, roles, rings and broker scores; a link's (or a
 * path hop's) evidence rows; a ring's members, brokers, binding
 * identifiers and history; an alert's path and records.
 */
import type { Alert, Entity, EntityDetail, Evidence, Hop, Link, LinkEvidence, PropertyValue, RingDetail } from '../api/types.js';
import { entityLabel, idValue, kindOfId, linkLabel } from '../graph/labels.js';
import { KIND_LABELS, KIND_SHAPES, ringColor } from '../graph/style-tables.js';
import { formatDate, formatNumber, h, replaceChildren, shapeIcon } from './dom.js';

export interface EntityActions {
  expand(): void;
  /** Present when the node's neighbours were capped ("and N more"). */
  showMore?: (() => void) | undefined;
  openRing(id: string): void;
  pathFrom(): void;
  pathTo(): void;
}

export interface LinkActions {
  selectEntity(id: string): void;
  loadMore?: (() => void) | undefined;
}

export interface RingActions {
  selectEntity(id: string): void;
  labelOf(id: string): string;
}

export interface AlertActions {
  selectEntity(id: string): void;
  openRing(id: string): void;
  labelOf(id: string): string;
}

const PROP_NAMES: Record<string, string> = {
  e164: 'E.164',
  iban: 'IBAN',
  cnic: 'CNIC',
  passportKeys: 'passports',
  nameKey: 'name key',
  birthDate: 'born',
  docType: 'type',
  rawForms: 'spellings seen',
  holderNames: 'holders',
  holderName: 'holder',
  seizedAt: 'seized',
  seizedFrom: 'seized from',
  caseRef: 'case',
  addressKey: 'address key',
  accountKey: 'account key',
  bankCode: 'bank',
  documentKey: 'document key',
  durationS: 'duration (s)',
};

function value(v: PropertyValue): string {
  return Array.isArray(v) ? v.join(', ') : String(v);
}

function propsTable(props: Record<string, PropertyValue | null | undefined>, caption?: string): HTMLTableElement {
  const rows = Object.entries(props).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0));
  return h(
    'table',
    { class: 'props' },
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('tbody', {}, rows.length === 0 ? h('tr', {}, h('td', { colspan: 2, class: 'muted' }, 'none recorded')) : rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, PROP_NAMES[k] ?? k), h('td', {}, value(v as PropertyValue))))),
  );
}

export function evidenceTable(items: readonly Evidence[], caption: string): HTMLTableElement {
  return h(
    'table',
    { class: 'evidence' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'file, row (source)'), h('th', { scope: 'col' }, 'record'), h('th', { scope: 'col' }, 'observed'))),
    h(
      'tbody',
      {},
      items.map((ev) =>
        h(
          'tr',
          { class: 'evidence-row' },
          h('td', { title: `file SHA-256 ${ev.fileSha256}` }, h('span', { class: 'file' }, `${ev.file} #${ev.row}`), h('span', { class: 'sub' }, ev.source)),
          h('td', { class: 'mono', title: `record SHA-256 ${ev.recordSha256}` }, ev.recordId),
          h('td', { class: 'nowrap' }, ev.observedAt ? ev.observedAt.slice(0, 10) : '—'),
        ),
      ),
    ),
  );
}

function kindTitle(kind: string): HTMLElement {
  const shape = KIND_SHAPES[kind] ?? 'circle';
  return h('span', { class: 'chip' }, shapeIcon(shape, '#5b636d', 11), ` ${KIND_LABELS[kind] ?? kind}`);
}

function ringChip(id: string, open: (id: string) => void, extra = ''): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'chip ring', onclick: () => open(id), 'aria-label': `Open ring ${id}${extra}` }, `${id}${extra}`);
  b.style.background = ringColor(id); // CSSOM, not an inline style attribute: allowed by the page's CSP
  return b;
}

export class SidePanel {
  constructor(private readonly el: HTMLElement) {}

  private show(...children: Array<Node | null | false | undefined | Node[]>): void {
    replaceChildren(this.el, ...children);
    this.el.scrollTop = 0;
  }

  /** Moves keyboard focus to the panel's heading (after an explicit selection from a list). */
  focus(): void {
    const heading = this.el.querySelector('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  empty(message = 'Select a node, a link or a ring to see its properties, roles, evidence and history.'): void {
    this.show(h('p', { class: 'hint' }, message));
  }

  loading(what: string): void {
    this.show(h('p', { class: 'hint' }, `Loading ${what}…`));
  }

  entity(e: EntityDetail, actions: EntityActions, state: { expanded: boolean; more: number }): void {
    const memberOf = e.rings.memberOf;
    this.show(
      h('h2', {}, entityLabel(e)),
      h('p', { class: 'mono muted' }, e.id),
      h(
        'div',
        { class: 'chips' },
        kindTitle(e.kind),
        e.roles.map((r) => h('span', { class: 'chip' }, r)),
        e.isHub ? h('span', { class: 'chip hub', title: e.hubReason ?? '' }, 'hub') : null,
        e.broker ? h('span', { class: 'chip broker' }, `broker #${e.broker.rank}`) : null,
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'primary', id: 'expand-selected', onclick: actions.expand }, state.expanded ? 'Expand again' : 'Expand neighbours'),
        actions.showMore ? h('button', { type: 'button', onclick: actions.showMore }, `Show ${state.more} more`) : null,
        h('button', { type: 'button', onclick: actions.pathFrom }, 'Path from here'),
        h('button', { type: 'button', onclick: actions.pathTo }, 'Path to here'),
      ),
      h('h3', {}, 'Properties'),
      propsTable(e.props, 'Properties'),
      e.aliases.length > 0 ? h('p', { class: 'muted' }, `Also known as: ${e.aliases.join(', ')}`) : null,
      h('h3', {}, 'Rings'),
      memberOf.length === 0 && e.rings.brokerFor.length === 0
        ? h('p', { class: 'muted' }, 'Not a member of any ring.')
        : h(
            'div',
            { class: 'chips' },
            memberOf.map((m) => ringChip(m.id, actions.openRing, m.current ? '' : ' (former)')),
            e.rings.brokerFor.map((b) => h('button', { type: 'button', class: 'chip broker', onclick: () => actions.openRing(b.id) }, `broker for ${b.id} (#${b.rank})`)),
          ),
      e.broker
        ? h(
            'div',
            {},
            h('h3', {}, 'Broker scores'),
            propsTable({ rank: e.broker.rank, betweenness: formatNumber(e.broker.betweenness), bridging: formatNumber(e.broker.bridging), pagerank: formatNumber(e.broker.pagerank) }, 'Broker scores'),
          )
        : null,
      h('h3', {}, 'Links'),
      propsTable(
        Object.fromEntries([['all', e.degree.total], ...Object.entries(e.degree.byLinkKind).map(([k, n]) => [linkLabel(k), n])]) as Record<string, number>,
        'Links by kind',
      ),
      h('p', { class: 'muted' }, `${e.evidenceCount} source record${e.evidenceCount === 1 ? '' : 's'} mention it.`),
    );
  }

  /** A link and a page of its evidence (GET /links/{id}/evidence). */
  link(ev: LinkEvidence, actions: LinkActions): void {
    this.show(
      h('h2', {}, linkLabel(ev.link.type)),
      this.linkEnds(ev.link, ev.from, ev.to, actions),
      Object.keys(ev.link.props).length > 0 ? h('div', {}, h('h3', {}, 'Properties'), propsTable(ev.link.props, 'Link properties')) : null,
      h('h3', { id: 'evidence-heading' }, `Evidence (${ev.total ?? ev.items.length} record${(ev.total ?? ev.items.length) === 1 ? '' : 's'})`),
      evidenceTable(ev.items, `Records behind ${ev.link.id}`),
      actions.loadMore ? h('div', { class: 'actions' }, h('button', { type: 'button', onclick: actions.loadMore }, 'More records')) : null,
      h('p', { class: 'mono muted' }, ev.link.id),
    );
  }

  /** One hop of a path, with the evidence the path answer carried; `loadAll` reads every record. */
  hop(hop: Hop, from: Entity | undefined, to: Entity | undefined, actions: LinkActions & { loadAll: () => void }): void {
    this.show(
      h('h2', {}, linkLabel(hop.type)),
      this.linkEnds(hop, from, to, actions),
      h('h3', {}, `Evidence (${hop.evidence.length} of ${hop.evidenceCount})`),
      evidenceTable(hop.evidence, `Records behind ${hop.id}`),
      hop.evidenceCount > hop.evidence.length ? h('div', { class: 'actions' }, h('button', { type: 'button', onclick: actions.loadAll }, `All ${hop.evidenceCount} records`)) : null,
      h('p', { class: 'mono muted' }, hop.id),
    );
  }

  private linkEnds(l: Link, from: Entity | undefined, to: Entity | undefined, actions: LinkActions): HTMLElement {
    const end = (id: string, e: Entity | undefined): HTMLElement =>
      h('button', { type: 'button', class: 'link', onclick: () => actions.selectEntity(id) }, e ? entityLabel(e) : idValue(id));
    return h('p', {}, end(l.from, from), ` → ${linkLabel(l.type)} → `, end(l.to, to));
  }

  ring(ring: RingDetail, actions: RingActions): void {
    const persons = Object.entries(ring.membersByRole);
    const identifiers = Object.entries(ring.identifiers);
    const swatch = h('span', { class: 'chip ring' }, ring.id);
    swatch.style.background = ringColor(ring.id);
    const entityButton = (e: Entity, extra = ''): HTMLElement =>
      h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => actions.selectEntity(e.id) }, `${entityLabel(e)}${extra}`));
    this.show(
      h('h2', {}, `Ring ${ring.id}`),
      h(
        'div',
        { class: 'chips' },
        swatch,
        h('span', { class: 'chip' }, `score ${formatNumber(ring.score, 3)}`),
        h('span', { class: 'chip' }, `${ring.persons} persons`),
        h('span', { class: 'chip' }, `${ring.members} members`),
        ring.current ? null : h('span', { class: 'chip hub' }, 'no longer current'),
      ),
      h('p', { class: 'muted' }, `Last changed ${formatDate(ring.changedAt)} · run ${ring.run}`),
      h('details', { class: 'explanation' }, h('summary', {}, 'Why it is a ring'), h('p', {}, ring.explanation)),
      h('h3', {}, 'Binding identifiers'),
      ring.bindingIdentifiers.length === 0
        ? h('p', { class: 'muted' }, 'none recorded')
        : h(
            'ul',
            { class: 'plain binding' },
            ring.bindingIdentifiers.map((b) =>
              h(
                'li',
                {},
                shapeIcon(KIND_SHAPES[b.kind] ?? 'circle', '#5b636d', 11),
                h(
                  'span',
                  {},
                  h('button', { type: 'button', class: 'link', onclick: () => actions.selectEntity(b.id) }, actions.labelOf(b.id)),
                  h('span', { class: 'muted' }, ` — ${KIND_LABELS[b.kind] ?? b.kind}, shared by ${b.persons} persons${b.status ? `, ${b.status}` : ''}`),
                ),
              ),
            ),
          ),
      h('h3', {}, 'Brokers'),
      ring.brokers.length === 0
        ? h('p', { class: 'muted' }, 'none')
        : h('ul', { class: 'plain' }, ring.brokers.map((b) => entityButton(b, ` — broker #${b.rank}`))),
      h('h3', {}, 'Members'),
      persons.map(([role, list]) => h('div', {}, h('p', { class: 'muted' }, `${role} (${list.length})`), h('ul', { class: 'plain' }, list.map((e) => entityButton(e))))),
      identifiers.map(([kind, list]) => h('div', {}, h('p', { class: 'muted' }, `${KIND_LABELS[kind] ?? kind} (${list.length})`), h('ul', { class: 'plain' }, list.map((e) => entityButton(e))))),
      ring.strongestEvidence.length > 0
        ? h(
            'div',
            {},
            h('h3', {}, 'Strongest evidence'),
            h(
              'ul',
              { class: 'plain' },
              ring.strongestEvidence.slice(0, 8).map((s) =>
                h('li', {}, `${actions.labelOf(s.from)} → ${linkLabel(s.type)} → ${actions.labelOf(s.to)}: ${s.records} record${s.records === 1 ? '' : 's'} (${s.sources.slice(0, 2).map((x) => `${x.file} #${x.row}`).join(', ')}${s.sources.length > 2 ? ', …' : ''})`),
              ),
            ),
          )
        : null,
      h('h3', {}, 'History'),
      ring.history.length === 0
        ? h('p', { class: 'muted' }, 'no recorded changes')
        : h(
            'ol',
            { class: 'history' },
            ring.history.map((ev) => h('li', {}, h('strong', {}, ev.type), ` ${formatDate(ev.at)} — run `, h('span', { class: 'mono' }, ev.run), ev.rings.length > 0 ? ` (${ev.rings.join(', ')})` : '')),
          ),
    );
  }

  alert(alert: Alert, actions: AlertActions): void {
    this.show(
      h('h2', {}, `Alert: ${alert.rule.replace(/-/g, ' ')}`),
      h('div', { class: 'chips' }, h('span', { class: `chip sev sev-${alert.severity}` }, alert.severity), alert.status ? h('span', { class: 'chip' }, alert.status) : null, alert.rings.map((r) => ringChip(r.id, actions.openRing))),
      h('p', {}, alert.summary),
      h('p', { class: 'muted' }, `Raised ${formatDate(alert.createdAt)}`),
      h('h3', {}, 'Entity'),
      h('p', {}, h('button', { type: 'button', class: 'link', onclick: () => actions.selectEntity(alert.entity) }, actions.labelOf(alert.entity)), ' ', kindTitle(alert.entityKind ?? kindOfId(alert.entity) ?? 'Person')),
      alert.path && alert.path.hops.length > 0
        ? h(
            'div',
            {},
            h('h3', {}, 'Path that explains it'),
            h(
              'ol',
              { class: 'hops' },
              alert.path.hops.map((hop) =>
                h('li', {}, `${actions.labelOf(hop.from)} → ${linkLabel(hop.type)} → ${actions.labelOf(hop.to)}${hop.isNew ? ' (new)' : ''}`, evidenceTable(hop.evidence, `Records behind ${hop.linkId}`)),
              ),
            ),
          )
        : null,
      alert.records && alert.records.length > 0 ? h('div', {}, h('h3', {}, 'Records that raised it'), evidenceTable(alert.records, 'Records that raised the alert')) : null,
      h('p', { class: 'mono muted' }, alert.id),
    );
  }
}
