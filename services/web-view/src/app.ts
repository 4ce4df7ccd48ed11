/**
 * The analyst's view, wired: search → ego network → expand; rings → ring
 * view; path finder; alert feed; export. Every piece of data comes from the
 * query service (same origin, Bearer key); the graph is drawn by GraphView.
 */
import { AlertStream, type StreamStatus } from './api/alert-stream.js';
import { ApiClient, ApiError, mapLimit, problemOf } from './api/client.js';
import type { Alert, AlertEvent, Entity, EntityDetail, Evidence, Hop, Link, Paths, RingDetail, RingSummary, SearchHit } from './api/types.js';
import { exportCapabilityFrom, type ExportCapability, type OpenApiDoc } from './api/capabilities.js';
import { GraphView, moreNodeId } from './graph/graph-view.js';
import { entityLabel, idValue, kindOfId, linkLabel } from './graph/labels.js';
import { EDGES_HIDDEN_DURING_LAYOUT, LayoutRunner, type LayoutStats } from './graph/layout.js';
import { layeredPathPositions } from './graph/path-layout.js';
import { RingIndex } from './graph/ring-index.js';
import { KIND_LABELS, KIND_SHAPES, ringColor } from './graph/style-tables.js';
import { byId, formatDate, formatNumber, h, replaceChildren, shapeIcon } from './ui/dom.js';
import { ExportDialog } from './ui/export-dialog.js';
import { KeyDialog } from './ui/key-dialog.js';
import { renderLegend } from './ui/legend.js';
import { SidePanel } from './ui/side-panel.js';
import { Tabs } from './ui/tabs.js';

type Mode = 'empty' | 'ego' | 'ring' | 'path' | 'alert';

const DEFAULT_CAP = 25;
const MAX_CAP = 200;
const NODE_LIST_MAX = 1000;

const reducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class App {
  private readonly api = new ApiClient();
  private readonly keyDialog = new KeyDialog(this.api);
  private readonly exportDialog = new ExportDialog();
  private readonly side = new SidePanel(byId('side-panel'));
  private readonly tabs = new Tabs(document.querySelector<HTMLElement>('[role="tablist"]')!, (panel) => this.panelShown(panel));
  private readonly ringIndex = new RingIndex();
  private readonly view: GraphView;
  private readonly layout: LayoutRunner;
  private readonly stream: AlertStream;

  private mode: Mode = 'empty';
  private ringShown: RingDetail | undefined;
  private pathsShown: Paths | undefined;
  private readonly entities = new Map<string, EntityDetail>();
  private readonly caps = new Map<string, number>();
  private readonly alerts = new Map<string, Alert>();
  private unseenAlerts = 0;
  private exportCapability: ExportCapability | undefined;
  private ringSummaries: RingSummary[] = [];
  private nodeListQueued = false;
  private generation = 0;

  constructor() {
    this.view = new GraphView(
      byId('graph'),
      {
        selectNode: (id) => void this.selectNode(id),
        selectEdge: (id) => void this.selectEdge(id),
        expandNode: (id) => void this.expand(id),
        clearSelection: () => {
          this.view.select(null);
          this.side.empty();
          this.renderNodeListSoon();
        },
        changed: () => this.renderNodeListSoon(),
      },
      { reducedMotion: reducedMotion() },
    );
    this.layout = new LayoutRunner(this.view.graph);
    this.view.setRingLookup((id) => this.ringIndex.get(id));
    this.ringIndex.onChange(() => {
      this.view.recolor();
      this.renderLegend();
      // Swatches of results listed before the ring was known.
      for (const b of document.querySelectorAll<HTMLElement>('#search-results button[data-entity]')) {
        const id = b.dataset.entity!;
        if (this.ringIndex.get(id)) b.querySelector('svg > *')?.setAttribute('fill', ringColor(this.ringIndex.get(id)));
      }
    });
    this.stream = new AlertStream(this.api, {
      onEvent: (e) => this.alertEvent(e),
      onStatus: (s) => this.streamStatus(s),
    });
    this.api.whenUnauthenticated(() => {
      this.stream.stop();
      void this.keyDialog.open('The service did not accept the key (401). Enter a valid key.').then(() => this.afterKey());
    });
    this.bindControls();
    this.renderLegend();
    this.updateExportButton();
    // For tests and debugging: read-only handles on the graph (no key, no data beyond what is drawn).
    Object.defineProperty(window, '__ringlink', {
      value: Object.freeze({
        graph: this.view.graph,
        sigma: this.view.sigma,
        mode: () => this.mode,
        layoutStats: () => this.layout.stats(),
        nodePosition: (id: string) => {
          const p = this.view.viewportPosition(id);
          if (!p) return undefined;
          const r = this.view.container.getBoundingClientRect();
          return { x: r.left + p.x, y: r.top + p.y };
        },
      }),
    });
  }

  async start(): Promise<void> {
    await this.keyDialog.ensure();
    await this.afterKey();
  }

  private async afterKey(): Promise<void> {
    await Promise.all([this.loadCapabilities(), this.loadRings(), this.loadAlerts()]);
    this.stream.start();
    void this.primeRingIndex();
  }

  // ------------------------------------------------------------------ controls

  private bindControls(): void {
    const searchForm = byId<HTMLFormElement>('search-form');
    const searchInput = byId<HTMLInputElement>('search-input');
    searchForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = searchInput.value.trim();
      if (q !== '') void this.search(q);
    });
    searchInput.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') {
        const first = document.querySelector<HTMLButtonElement>('#search-results button');
        if (first) {
          e.preventDefault();
          this.tabs.select('tab-search');
          first.focus();
        }
      }
    });
    byId('key-button').addEventListener('click', () => void this.keyDialog.open('').then(() => this.afterKey()));
    byId('ring-sort').addEventListener('change', () => void this.loadRings());
    byId('zoom-in').addEventListener('click', () => this.view.zoom(1));
    byId('zoom-out').addEventListener('click', () => this.view.zoom(-1));
    byId('fit').addEventListener('click', () => this.view.fit());
    byId('clear-graph').addEventListener('click', () => this.resetGraph('empty', 'No graph yet'));
    byId('layout-toggle').addEventListener('click', () => {
      if (this.layout.running) this.layout.stop();
      else this.runLayout();
    });
    byId('export-button').addEventListener('click', () => this.exportRing());
    const pathForm = byId<HTMLFormElement>('path-form');
    pathForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.findPaths(byId<HTMLInputElement>('path-from').value.trim(), byId<HTMLInputElement>('path-to').value.trim(), byId<HTMLInputElement>('path-hubs').checked);
    });
    byId('path-from-selected').addEventListener('click', () => this.useSelected('path-from'));
    byId('path-to-selected').addEventListener('click', () => this.useSelected('path-to'));
    byId('graph').addEventListener('keydown', (e) => this.graphKey(e));
  }

  private graphKey(e: KeyboardEvent): void {
    const keys: Record<string, () => void> = {
      '+': () => this.view.zoom(1),
      '=': () => this.view.zoom(1),
      '-': () => this.view.zoom(-1),
      '0': () => this.view.fit(),
      ArrowLeft: () => this.view.pan(-1, 0),
      ArrowRight: () => this.view.pan(1, 0),
      ArrowUp: () => this.view.pan(0, 1),
      ArrowDown: () => this.view.pan(0, -1),
      Escape: () => {
        this.view.select(null);
        this.side.empty();
      },
    };
    const f = keys[e.key];
    if (f && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      f();
    }
  }

  private panelShown(panelId: string): void {
    if (panelId === 'panel-alerts') {
      this.unseenAlerts = 0;
      this.renderAlertBadge();
    }
    if (panelId === 'panel-nodes') this.renderNodeList();
  }

  // ------------------------------------------------------------------ status

  private status(message: string, kind: 'info' | 'error' = 'info'): void {
    const el = byId('status');
    el.textContent = message;
    el.classList.toggle('error', kind === 'error');
  }

  private fail(what: string, err: unknown): void {
    const message = err instanceof ApiError ? `${what}: ${err.message}` : `${what}: ${err instanceof Error ? err.message : String(err)}`;
    this.status(message, 'error');
  }

  private setTitle(title: string): void {
    byId('view-title').textContent = title;
    document.title = `${title} — ringlink`;
  }

  // ------------------------------------------------------------------ capabilities

  private async loadCapabilities(): Promise<void> {
    try {
      const doc = await this.api.openapi();
      this.exportCapability = exportCapabilityFrom(doc as OpenApiDoc);
    } catch {
      this.exportCapability = undefined;
    }
    this.updateExportButton();
  }

  private updateExportButton(): void {
    const button = byId<HTMLButtonElement>('export-button');
    const reason = byId('export-reason');
    let why: string | undefined;
    if (this.exportCapability === undefined) why = 'export service unavailable';
    else if (this.mode !== 'ring' || this.ringShown === undefined) why = 'open a ring to export its court package';
    button.setAttribute('aria-disabled', String(why !== undefined));
    button.title = why ?? `Download the court package of ring ${this.ringShown?.id}`;
    reason.textContent = why ?? '';
  }

  // ------------------------------------------------------------------ graph reset and layout

  private resetGraph(mode: Mode, title: string): number {
    this.layout.stop();
    this.view.clear();
    this.caps.clear();
    this.mode = mode;
    this.ringShown = undefined;
    this.pathsShown = undefined;
    this.setTitle(title);
    this.updateExportButton();
    this.renderLegend();
    byId('layout-status').textContent = '';
    if (mode === 'empty') this.side.empty();
    return ++this.generation;
  }

  private runLayout(): void {
    const toggle = byId('layout-toggle');
    const hide = this.view.graph.size > EDGES_HIDDEN_DURING_LAYOUT;
    this.view.setEdgesHidden(hide);
    this.layout.start({ onStats: (s) => this.layoutStats(s), onStop: () => this.view.setEdgesHidden(false) });
    toggle.setAttribute('aria-pressed', String(this.layout.running));
  }

  private layoutStats(s: LayoutStats): void {
    byId('layout-toggle').setAttribute('aria-pressed', String(s.running));
    byId('layout-status').textContent = `ForceAtlas2 ${s.running ? 'running' : 'stopped'} · ${s.nodes} nodes · ${s.iterations} iterations${s.iterations > 0 ? ` · ${Math.round(s.iterationsPerSecond)}/s` : ''}${s.running && this.view.edgesHidden ? ' · links hidden until it stops' : ''}`;
  }

  private renderLegend(): void {
    const links = new Set<string>();
    this.view.graph.forEachEdge((_e, a) => {
      if (a.link) links.add(a.type);
    });
    const rings = new Set<string>();
    this.view.graph.forEachNode((_n, a) => {
      if (a.ringId) rings.add(a.ringId);
    });
    renderLegend(byId('legend'), links, [...rings].sort());
  }

  // ------------------------------------------------------------------ search

  private async search(q: string): Promise<void> {
    const out = byId('search-results');
    this.tabs.select('tab-search');
    replaceChildren(out, h('p', { class: 'hint' }, `Searching for “${q}”…`));
    try {
      const page = await this.api.search(q, 50);
      this.renderSearch(q, page.items, page.next !== null);
      this.status(`${page.items.length}${page.next ? '+' : ''} result${page.items.length === 1 ? '' : 's'} for “${q}”`);
    } catch (err) {
      replaceChildren(out, h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)));
      this.fail('Search failed', err);
    }
  }

  private renderSearch(q: string, hits: SearchHit[], more: boolean): void {
    const out = byId('search-results');
    if (hits.length === 0) {
      replaceChildren(out, h('p', { class: 'hint' }, `Nothing matches “${q}”. Identifiers are matched exactly, in any spelling; names with their common variants.`));
      return;
    }
    const byKind = new Map<string, SearchHit[]>();
    for (const hit of hits) {
      if (!byKind.has(hit.kind)) byKind.set(hit.kind, []);
      byKind.get(hit.kind)!.push(hit);
    }
    replaceChildren(
      out,
      [...byKind].map(([kind, list]) =>
        h(
          'section',
          { class: 'result-group', 'aria-label': `${KIND_LABELS[kind] ?? kind} results` },
          h('h3', { class: 'group-title' }, `${KIND_LABELS[kind] ?? kind} (${list.length})`),
          h(
            'ul',
            { class: 'plain' },
            list.map((hit) =>
              h(
                'li',
                {},
                h(
                  'button',
                  { type: 'button', class: 'result', 'data-entity': hit.id, onclick: () => void this.openEgo(hit) },
                  shapeIcon(KIND_SHAPES[hit.kind] ?? 'circle', hit.isHub ? '#4a4f55' : ringColor(this.ringIndex.get(hit.id)), 16),
                  h('span', { class: 'text' }, h('span', { class: 'main' }, entityLabel(hit)), h('span', { class: 'sub' }, `matched by ${hit.matchedBy}: ${hit.matched}`)),
                ),
              ),
            ),
          ),
        ),
      ),
      more ? h('p', { class: 'hint' }, 'More results exist: refine the search.') : null,
    );
  }

  // ------------------------------------------------------------------ ego network

  /** Shows the entity and its neighbours (added to the current ego network, or a fresh one). */
  private async openEgo(e: Entity): Promise<void> {
    if (this.mode !== 'ego') this.resetGraph('ego', `Network of ${entityLabel(e)}`);
    this.view.upsertEntity(e);
    await this.expand(e.id);
    await this.selectNode(e.id, { focusPanel: false });
    this.view.fit();
  }

  /** Fetches a node's neighbours (an "and N more" node fetches more of its hub's). */
  private async expand(id: string): Promise<void> {
    const g = this.view.graph;
    if (!g.hasNode(id)) return;
    const moreOf = g.getNodeAttribute(id, 'moreOf');
    const center = moreOf ?? id;
    const cap = moreOf !== undefined ? Math.min(MAX_CAP, (this.caps.get(center) ?? DEFAULT_CAP) * 4) : Math.max(this.caps.get(center) ?? DEFAULT_CAP, DEFAULT_CAP);
    if (this.mode === 'empty') this.mode = 'ego';
    const generation = this.generation;
    this.status(`Expanding ${this.view.describeNode(center)}…`);
    try {
      const n = await this.api.neighbors(center, { cap, limit: 1000 });
      if (generation !== this.generation) return;
      this.caps.set(center, cap);
      const before = g.order;
      for (const node of n.nodes) this.view.upsertEntity(node, { near: center });
      for (const l of n.links) this.view.upsertLink(l);
      const truncatedHere = n.truncated.find((t) => t.id === center);
      this.view.setMore(center, truncatedHere?.more ?? 0);
      for (const t of n.truncated) if (t.id !== center && g.hasNode(t.id)) this.view.setMore(t.id, t.more);
      this.view.markExpanded(center);
      const added = g.order - before;
      this.status(
        `${this.view.describeNode(center)}: ${n.nodes.length - 1} neighbour${n.nodes.length === 2 ? '' : 's'} shown${added > 0 ? `, ${added} new` : ''}${truncatedHere ? ` (and ${truncatedHere.more} more: select that node to show more)` : ''}`,
      );
      this.renderLegend();
      this.runLayout();
      if (moreOf !== undefined) await this.selectNode(center, { focusPanel: false });
    } catch (err) {
      this.fail('Expanding failed', err);
    }
  }

  private async entity(id: string): Promise<EntityDetail> {
    const cached = this.entities.get(id);
    if (cached) return cached;
    const e = await this.api.entity(id);
    this.entities.set(id, e);
    if (e.id !== id) this.entities.set(e.id, e);
    this.ringIndex.addEntity(e);
    return e;
  }

  private async selectNode(id: string, options: { focusPanel?: boolean } = {}): Promise<void> {
    const g = this.view.graph;
    if (g.hasNode(id) && g.getNodeAttribute(id, 'moreOf') !== undefined) {
      await this.expand(id);
      return;
    }
    this.view.select({ node: id });
    this.renderNodeListSoon();
    this.side.loading('the entity');
    try {
      const e = await this.entity(id);
      if (g.hasNode(id)) this.view.upsertEntity(e);
      const more = g.hasNode(moreNodeId(id)) ? g.getNodeAttribute(moreNodeId(id), 'moreCount') : 0;
      this.side.entity(
        e,
        {
          expand: () => void this.expandFromPanel(e),
          showMore: more > 0 ? () => void this.expand(moreNodeId(id)) : undefined,
          openRing: (ringId) => void this.openRing(ringId),
          pathFrom: () => this.fillPath('path-from', e),
          pathTo: () => this.fillPath('path-to', e),
        },
        { expanded: g.hasNode(id) && g.getNodeAttribute(id, 'expanded'), more },
      );
      if (options.focusPanel) this.side.focus();
    } catch (err) {
      this.side.empty(`Could not read ${idValue(id)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** "Expand" from the side panel: works in any view (a ring's member, a path's node). */
  private async expandFromPanel(e: Entity): Promise<void> {
    if (!this.view.graph.hasNode(e.id)) {
      await this.openEgo(e);
      return;
    }
    await this.expand(e.id);
  }

  private async selectEdge(edgeId: string): Promise<void> {
    const g = this.view.graph;
    if (!g.hasEdge(edgeId)) return;
    const link = g.getEdgeAttribute(edgeId, 'link');
    if (link === undefined) return;
    this.view.select({ edge: edgeId });
    const hop = this.hopOf(edgeId);
    if (hop) {
      this.showHop(hop);
      return;
    }
    await this.showLinkEvidence(link);
  }

  private hopOf(edgeId: string): Hop | undefined {
    for (const p of this.pathsShown?.paths ?? []) {
      const hop = p.hops.find((x) => x.id === edgeId);
      if (hop) return hop;
    }
    return undefined;
  }

  private entityShown(id: string): Entity | undefined {
    return this.entities.get(id) ?? (this.view.graph.hasNode(id) ? this.view.graph.getNodeAttribute(id, 'entity') : undefined);
  }

  private showHop(hop: Hop): void {
    this.view.select(this.view.graph.hasEdge(hop.id) ? { edge: hop.id } : null);
    this.side.hop(hop, this.entityShown(hop.from), this.entityShown(hop.to), {
      selectEntity: (id) => void this.selectNode(id, { focusPanel: true }),
      loadAll: () => void this.showLinkEvidence(hop),
    });
    this.status(`${this.view.describeNode(hop.from)} → ${linkLabel(hop.type)} → ${this.view.describeNode(hop.to)}: ${hop.evidenceCount} record${hop.evidenceCount === 1 ? '' : 's'}`);
  }

  private async showLinkEvidence(link: Link, cursor?: string, earlier: Evidence[] = []): Promise<void> {
    this.side.loading('the evidence');
    try {
      const ev = await this.api.linkEvidence(link.id, cursor);
      const items = [...earlier, ...ev.items];
      this.side.link(
        { ...ev, items },
        {
          selectEntity: (id) => void this.selectNode(id, { focusPanel: true }),
          loadMore: ev.next ? () => void this.showLinkEvidence(link, ev.next!, items) : undefined,
        },
      );
    } catch (err) {
      this.side.empty(`Could not read the evidence: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private fillPath(field: 'path-from' | 'path-to', e: Entity): void {
    byId<HTMLInputElement>(field).value = e.id;
    this.tabs.select('tab-paths');
    const other = byId<HTMLInputElement>(field === 'path-from' ? 'path-to' : 'path-from');
    (other.value === '' ? other : byId<HTMLButtonElement>('path-form').querySelector<HTMLButtonElement>('button[type="submit"]')!).focus();
  }

  private useSelected(field: 'path-from' | 'path-to'): void {
    let selected: string | undefined;
    this.view.graph.forEachNode((id, a) => {
      if (a.selected && a.entity) selected = id;
    });
    if (selected === undefined) {
      this.status('Select a node in the graph first.', 'error');
      return;
    }
    byId<HTMLInputElement>(field).value = selected;
  }

  // ------------------------------------------------------------------ rings

  private async loadRings(): Promise<void> {
    const list = byId('ring-list');
    const sort = byId<HTMLSelectElement>('ring-sort').value as 'score' | 'size' | 'changed';
    try {
      const page = await this.api.rings(sort, 200);
      this.ringSummaries = page.items;
      if (page.items.length === 0) {
        replaceChildren(list, h('p', { class: 'hint' }, 'No rings yet: run an analysis (POST /api/v1/analysis/runs).'));
        return;
      }
      replaceChildren(
        list,
        h(
          'ul',
          { class: 'plain' },
          page.items.map((r) => {
            const sw = shapeIcon('circle', ringColor(r.id), 16);
            return h(
              'li',
              {},
              h(
                'button',
                { type: 'button', class: 'result ring-row', 'data-ring': r.id, onclick: () => void this.openRing(r.id), 'aria-label': `Ring ${r.id}, score ${formatNumber(r.score, 3)}, ${r.persons} persons, ${r.members} members, last changed ${formatDate(r.changedAt)}` },
                sw,
                h('span', { class: 'score' }, formatNumber(r.score, 3)),
                h('span', { class: 'text' }, h('span', { class: 'main' }, r.id), h('span', { class: 'sub' }, `${r.persons} persons · ${r.members} members · changed ${formatDate(r.changedAt)}`)),
              ),
            );
          }),
        ),
        page.next ? h('p', { class: 'hint' }, `Showing the first ${page.items.length} of ${page.total ?? 'more'} rings.`) : null,
      );
    } catch (err) {
      replaceChildren(list, h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)));
    }
  }

  /** Ring colours for nodes outside the ring shown: learnt from the top rings' members, in the background. */
  private async primeRingIndex(): Promise<void> {
    const top = this.ringSummaries.filter((r) => r.current).slice(0, 25);
    await mapLimit(top, 3, async (r) => {
      try {
        this.ringIndex.addRing(await this.api.ring(r.id));
      } catch {
        // colours only; the ring view reads it again
      }
    });
  }

  private async openRing(id: string): Promise<void> {
    const generation = this.resetGraph('ring', `Ring ${id}`);
    this.tabs.select('tab-rings');
    this.side.loading(`ring ${id}`);
    this.status(`Reading ring ${id}…`);
    let ring: RingDetail;
    try {
      ring = await this.api.ring(id);
    } catch (err) {
      this.side.empty(`Could not read ring ${id}: ${err instanceof Error ? err.message : String(err)}`);
      this.fail(`Reading ring ${id} failed`, err);
      return;
    }
    if (generation !== this.generation) return;
    this.ringIndex.addRing(ring);
    this.ringShown = ring;
    this.setTitle(`Ring ${ring.id} · score ${formatNumber(ring.score, 3)} · ${ring.persons} persons · ${ring.members} members`);
    this.updateExportButton();
    const members = new Map<string, Entity>();
    for (const list of [...Object.values(ring.membersByRole), ...Object.values(ring.identifiers)]) for (const e of list) members.set(e.id, e);
    for (const b of ring.brokers) if (!members.has(b.id)) members.set(b.id, b);
    for (const e of members.values()) this.view.upsertEntity(e);
    this.view.markBrokers(ring.brokers.map((b) => b.id));
    this.view.forceLabels([...ring.bindingIdentifiers.map((b) => b.id), ...ring.brokers.map((b) => b.id)]);
    const labelOf = (x: string): string => (members.has(x) ? entityLabel(members.get(x)!) : this.view.describeNode(x));
    this.side.ring(ring, { selectEntity: (x) => void this.selectNode(x, { focusPanel: true }), labelOf });
    this.renderLegend();
    this.runLayout();

    // The links among the members: each member's neighbourhood, kept where both ends are shown.
    const ids = [...members.keys()];
    let done = 0;
    await mapLimit(ids, 6, async (member) => {
      if (generation !== this.generation) return;
      try {
        const n = await this.api.neighbors(member, { cap: MAX_CAP, limit: MAX_CAP + 1 });
        if (generation !== this.generation) return;
        for (const l of n.links) this.view.upsertLink(l);
      } catch {
        // a member that cannot be read keeps its node without links
      }
      done++;
      if (done % 5 === 0 || done === ids.length) this.status(`Ring ${ring.id}: links of ${done} of ${ids.length} members read`);
    });
    if (generation !== this.generation) return;
    this.status(`Ring ${ring.id}: ${this.view.graph.order} nodes, ${this.view.graph.size} links; brokers have a gold halo, binding identifiers are named.`);
    this.renderLegend();
    this.runLayout();
  }

  // ------------------------------------------------------------------ paths

  private async resolveEntity(text: string, which: string): Promise<string> {
    if (kindOfId(text) !== undefined) return text;
    const page = await this.api.search(text, 5);
    const hit = page.items[0];
    if (hit === undefined) throw new Error(`${which}: nothing matches “${text}”`);
    return hit.id;
  }

  private async findPaths(fromText: string, toText: string, includeHubs: boolean): Promise<void> {
    const out = byId('path-results');
    if (fromText === '' || toText === '') return;
    replaceChildren(out, h('p', { class: 'hint' }, 'Finding paths…'));
    let result: Paths;
    try {
      const [from, to] = await Promise.all([this.resolveEntity(fromText, 'From'), this.resolveEntity(toText, 'To')]);
      result = await this.api.paths(from, to, { includeHubs });
    } catch (err) {
      replaceChildren(out, h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)));
      this.fail('Path finding failed', err);
      return;
    }
    if (result.paths.length === 0) {
      replaceChildren(out, h('p', { class: 'hint' }, `No path within ${result.maxDepth} hops${result.includeHubs ? '' : ' avoiding hubs; tick “pass through hubs” to allow them'}.`));
      this.status('No path found.');
      return;
    }
    this.resetGraph('path', '');
    this.pathsShown = result;
    const first = result.paths[0]!;
    const fromLabel = entityLabel(first.nodes[0]!);
    const toLabel = entityLabel(first.nodes[first.nodes.length - 1]!);
    this.setTitle(`Shortest paths: ${fromLabel} → ${toLabel} · ${result.paths.length} path${result.paths.length === 1 ? '' : 's'} of ${first.length} hop${first.length === 1 ? '' : 's'}`);
    const positions = layeredPathPositions(result.paths.map((p) => p.nodes.map((n) => n.id)));
    for (const p of result.paths) {
      for (const n of p.nodes) this.view.upsertEntity(n, positions.get(n.id) ?? {});
      for (const hop of p.hops) this.view.upsertLink(hop);
    }
    this.view.forceLabels(positions.keys());
    this.renderLegend();
    replaceChildren(
      out,
      result.paths.map((p, i) =>
        h(
          'section',
          { class: 'path', 'aria-label': `Path ${i + 1}` },
          h('h3', { class: 'group-title' }, `Path ${i + 1} · ${p.length} hop${p.length === 1 ? '' : 's'}`),
          h(
            'ol',
            { class: 'hops' },
            p.hops.map((hop) => {
              const a = p.nodes.find((n) => n.id === hop.from);
              const b = p.nodes.find((n) => n.id === hop.to);
              return h(
                'li',
                {},
                h(
                  'button',
                  { type: 'button', class: 'link hop', 'data-link': hop.id, onclick: () => this.showHop(hop) },
                  `${a ? entityLabel(a) : idValue(hop.from)} → ${linkLabel(hop.type)} → ${b ? entityLabel(b) : idValue(hop.to)} (${hop.evidenceCount} record${hop.evidenceCount === 1 ? '' : 's'})`,
                ),
              );
            }),
          ),
        ),
      ),
    );
    this.side.empty('Click a link of the path (in the graph or in the list) to see the records behind it.');
    this.status(`${result.paths.length} shortest path${result.paths.length === 1 ? '' : 's'} of ${first.length} hops. Click a hop to see its evidence.`);
    requestAnimationFrame(() => this.view.fit(1.5, 0.08));
  }

  // ------------------------------------------------------------------ alerts

  private async loadAlerts(): Promise<void> {
    try {
      const page = await this.api.alerts(30);
      for (const a of page.items.reverse()) this.alerts.set(a.id, a);
      this.renderAlerts();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        byId('alert-status').textContent = '(this service has no alerts)';
        return;
      }
      byId('alert-status').textContent = `(could not list alerts: ${err instanceof Error ? err.message : String(err)})`;
    }
  }

  private streamStatus(s: StreamStatus): void {
    const el = byId('alert-status');
    if (s.state === 'open') el.textContent = '(live)';
    else if (s.state === 'connecting') el.textContent = '(connecting…)';
    else if (s.state === 'retrying') el.textContent = `(reconnecting in ${Math.round(s.inMs / 1000)} s: ${s.reason})`;
    else el.textContent = `(live feed unavailable: ${s.reason})`;
  }

  private alertEvent(e: AlertEvent): void {
    const isNew = !this.alerts.has(e.alert.id);
    this.alerts.delete(e.alert.id);
    this.alerts.set(e.alert.id, e.alert);
    if (isNew && this.tabs.selected !== 'tab-alerts') this.unseenAlerts++;
    this.renderAlerts(e.alert.id);
    this.renderAlertBadge();
    if (isNew) this.status(`New alert (${e.alert.severity}): ${e.alert.summary}`);
  }

  private renderAlertBadge(): void {
    const badge = byId('alert-badge');
    badge.hidden = this.unseenAlerts === 0;
    badge.textContent = String(this.unseenAlerts);
    badge.setAttribute('aria-label', `${this.unseenAlerts} new`);
  }

  private renderAlerts(fresh?: string): void {
    const list = byId('alert-list');
    const items = [...this.alerts.values()].reverse();
    if (items.length === 0) {
      replaceChildren(list, h('li', { class: 'hint' }, 'No alerts yet. New ones appear here as ingests raise them.'));
      return;
    }
    replaceChildren(
      list,
      items.slice(0, 200).map((a) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: `result alert-item${a.id === fresh ? ' new' : ''}`, 'data-alert': a.id, onclick: () => void this.openAlert(a) },
            h('span', { class: `sev sev-${a.severity}` }, a.severity),
            h('span', { class: 'text' }, h('span', { class: 'main' }, `${a.rule.replace(/-/g, ' ')}${a.rings.length ? ` · ${a.rings.map((r) => r.id).join(' + ')}` : ''}`), h('span', { class: 'sub' }, `${a.summary} · ${formatDate(a.updatedAt ?? a.createdAt)}`)),
          ),
        ),
      ),
    );
  }

  /** Draws the alert's explaining path (and its entity), selected. */
  private async openAlert(alert: Alert): Promise<void> {
    const generation = this.resetGraph('alert', `Alert: ${alert.rule.replace(/-/g, ' ')}${alert.rings.length ? ` · ${alert.rings.map((r) => r.id).join(' + ')}` : ''}`);
    const nodes = alert.path?.nodes.length ? alert.path.nodes : [alert.entity];
    const positions = layeredPathPositions([nodes]);
    await mapLimit(nodes, 4, async (id) => {
      try {
        const e = await this.entity(id);
        if (generation === this.generation) this.view.upsertEntity(e, positions.get(id) ?? {});
      } catch {
        if (generation === this.generation) this.view.upsertBareNode(id, positions.get(id) ?? {});
      }
    });
    if (generation !== this.generation) return;
    for (const hop of alert.path?.hops ?? []) {
      this.view.upsertLink({ id: hop.linkId, type: hop.type, from: hop.from, to: hop.to, props: {}, evidenceCount: hop.evidence.length });
    }
    this.view.forceLabels(nodes);
    this.view.select({ node: alert.entity });
    this.renderLegend();
    const labelOf = (id: string): string => this.view.describeNode(id);
    this.side.alert(alert, { selectEntity: (id) => void this.selectNode(id, { focusPanel: true }), openRing: (id) => void this.openRing(id), labelOf });
    requestAnimationFrame(() => this.view.fit(1.5, 0.08));
  }

  // ------------------------------------------------------------------ export

  private exportRing(): void {
    const cap = this.exportCapability;
    const ring = this.ringShown;
    if (cap === undefined || ring === undefined || this.mode !== 'ring') {
      this.status(byId('export-button').title, 'error');
      return;
    }
    this.exportDialog.open(ring.id, async (options) => {
      this.status(`Building the court package of ${ring.id}…`);
      const res = await this.api.request(cap.path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/zip, application/problem+json' },
        body: JSON.stringify(cap.body(ring.id, options)),
      });
      if (!res.ok || !isZip(res)) {
        const error = new ApiError(res.status, res.ok ? { detail: `the service answered ${res.headers.get('content-type') ?? 'no content type'}, not a zip` } : await problemOf(res));
        this.fail(`Export of ${ring.id} failed`, error);
        throw error;
      }
      const blob = await res.blob();
      const name = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `ringlink-${ring.id}.zip`;
      const sha256 = res.headers.get('X-Ringlink-Package-Sha256');
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: name, class: 'visually-hidden' }, 'download');
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.status(`Court package of ${ring.id} downloaded (${name}, ${Math.round(blob.size / 1024)} KiB${sha256 ? `, SHA-256 ${sha256}` : ''}).`);
    });
  }

  // ------------------------------------------------------------------ node list

  private renderNodeListSoon(): void {
    if (this.nodeListQueued) return;
    this.nodeListQueued = true;
    setTimeout(() => {
      this.nodeListQueued = false;
      if (this.tabs.selected === 'tab-nodes') this.renderNodeList();
      else byId('node-count').textContent = `(${this.view.graph.order})`;
    }, 150);
  }

  private renderNodeList(): void {
    const nodes = this.view.listNodes();
    byId('node-count').textContent = `(${nodes.length})`;
    const shown = nodes.slice(0, NODE_LIST_MAX);
    replaceChildren(
      byId('node-list'),
      shown.map(({ id, attributes: a }) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'result',
              'data-node': id,
              'aria-current': a.selected ? 'true' : null,
              onclick: () => {
                if (a.moreOf !== undefined) void this.expand(id);
                else {
                  this.view.focusNode(id);
                  void this.selectNode(id, { focusPanel: true });
                }
              },
            },
            shapeIcon(a.moreOf !== undefined ? 'circle' : (KIND_SHAPES[a.kind] ?? 'circle'), a.color, 16),
            h(
              'span',
              { class: 'text' },
              h('span', { class: 'main' }, a.label),
              h('span', { class: 'sub' }, [KIND_LABELS[a.kind] ?? (a.moreOf !== undefined ? 'more neighbours: Enter shows them' : a.kind), a.ringId, a.broker ? 'broker' : '', a.hub ? 'hub' : '', a.expanded ? 'expanded' : ''].filter(Boolean).join(' · ')),
            ),
          ),
        ),
      ),
      nodes.length > NODE_LIST_MAX ? h('li', { class: 'hint' }, `…and ${nodes.length - NODE_LIST_MAX} more (the first ${NODE_LIST_MAX} by name are listed).`) : null,
    );
  }
}

function isZip(res: Response): boolean {
  const type = res.headers.get('content-type') ?? '';
  return type.includes('zip') || type.includes('octet-stream');
}
