/**
 * The graph on screen: a graphology graph drawn by sigma (v4, WebGL 2).
 *
 *   shape  = entity kind        (style-tables.ts KIND_SHAPES, SDF shapes)
 *   colour = ring membership    (ringColor; grey outside rings, dark for hubs)
 *   size   = broker rank        (brokers also get a gold halo)
 *   edge colour = link kind
 *
 * Nodes carry the entity they show; edges carry the link. The view knows
 * nothing about the API: the app adds entities and links, and is told what
 * the analyst clicked.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import { layerFill, layerPlain, pathLine, registerShapeInstance, sdfCircle, sdfDiamond, sdfRectangle, sdfSquare, sdfTriangle } from 'sigma/rendering';
import type { Entity, Link } from '../api/types.js';
import { entityLabel, idValue, kindOfId, linkLabel } from './labels.js';
import {
  BROKER_HALO,
  BROKER_HALO_MAX_RANK,
  HUB_COLOR,
  KIND_SHAPES,
  MORE_COLOR,
  SELECTED_HALO,
  linkColor,
  nodeSize,
  ringColor,
  type ShapeName,
} from './style-tables.js';

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  shape: string;
  opacity: number;
  kind: string;
  entity: Entity | undefined;
  ringId: string | undefined;
  broker: boolean;
  hub: boolean;
  /** An "and N more" placeholder for the capped neighbours of `moreOf`. */
  moreOf: string | undefined;
  moreCount: number;
  /** Its neighbours were fetched. */
  expanded: boolean;
  selected: boolean;
  /** Label always shown (selection, binding identifiers, path ends). */
  forceLabel: boolean;
}

export interface EdgeAttributes {
  type: string;
  link: Link | undefined;
  color: string;
  size: number;
  opacity: number;
  label: string;
  selected: boolean;
}

/** The view's own state flags, read by the styles. */
export interface GraphState {
  /** Edges are not drawn (a large graph while its layout runs). */
  edgesHidden: boolean;
}

export interface GraphViewHandlers {
  selectNode(id: string): void;
  selectEdge(id: string): void;
  expandNode(id: string): void;
  clearSelection(): void;
  /** The set of nodes changed (for the accessible node list and counters). */
  changed(): void;
}

const SHAPE_FACTORIES: Record<ShapeName, () => ReturnType<typeof sdfCircle>> = {
  circle: () => sdfCircle(),
  square: () => sdfSquare(),
  diamond: () => sdfDiamond(),
  triangle: () => sdfTriangle(),
  'triangle-down': () => sdfTriangle({ rotation: Math.PI }),
  rectangle: () => sdfRectangle({ aspectRatio: 1.7 }),
  'square-rounded': () => sdfSquare({ cornerRadius: 0.35 }),
};

/** Stable pseudo-random number in [0, 1) from a string (initial positions must not depend on order). */
export function hash01(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 100_000) / 100_000;
}

export const moreNodeId = (hubId: string): string => `more:${hubId}`;

/** Above this many links, links and labels are hidden while the camera moves. */
export const LARGE_GRAPH_LINKS = 2000;

export class GraphView {
  readonly graph = new Graph<NodeAttributes, EdgeAttributes>({ multi: true, type: 'directed', allowSelfLoops: false });
  readonly sigma: Sigma<NodeAttributes, EdgeAttributes, Record<string, unknown>, {}, {}, GraphState>;
  private readonly shapeSlugs: Record<ShapeName, string>;
  private ringOf: (id: string) => string | undefined = () => undefined;
  private selectedNode: string | undefined;
  private selectedEdge: string | undefined;
  private emphasis: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | undefined;
  private changeQueued = false;

  constructor(
    readonly container: HTMLElement,
    private readonly handlers: GraphViewHandlers,
    options: { reducedMotion?: boolean } = {},
  ) {
    const shapes = Object.fromEntries(Object.entries(SHAPE_FACTORIES).map(([name, make]) => [name, make()])) as Record<ShapeName, ReturnType<typeof sdfCircle>>;
    this.shapeSlugs = Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, registerShapeInstance(shape)])) as Record<ShapeName, string>;
    this.sigma = new Sigma<NodeAttributes, EdgeAttributes, Record<string, unknown>, {}, {}, GraphState>(this.graph, container, {
      customGraphState: { edgesHidden: false },
      settings: {
        itemSizesReference: 'screen',
        enableEdgeEvents: true,
        renderEdgeLabels: false,
        labelDensity: 0.9,
        labelRenderedSizeThreshold: 4,
        zoomDuration: options.reducedMotion ? 0 : 250,
        inertiaDuration: options.reducedMotion ? 0 : 200,
        doubleClickZoomingDuration: options.reducedMotion ? 0 : 200,
        enableCameraRotation: false,
        enableCameraMouseRotation: false,
        stagePadding: 40,
        minCameraRatio: 0.02,
        maxCameraRatio: 20,
      },
      primitives: {
        nodes: { shapes: Object.values(shapes), layers: [layerFill()] },
        // Straight lines only: sigma's default also compiles self-loops (a 32-segment curve), which would make
        // every edge pay for 32 segments; ringlink has no self-links.
        edges: { paths: [pathLine()], layers: [layerPlain()] },
      },
      styles: {
        nodes: [
          {
            x: { attribute: 'x' },
            y: { attribute: 'y' },
            size: { attribute: 'size', defaultValue: 6 },
            color: { attribute: 'color', defaultValue: '#9aa3ad' },
            opacity: { attribute: 'opacity', defaultValue: 1 },
            label: { attribute: 'label' },
            shape: { attribute: 'shape', defaultValue: this.shapeSlugs.circle },
            labelColor: '#1b1f24',
            labelSize: 12,
            labelVisibility: { whenData: { forceLabel: true }, then: 'visible', else: 'auto' },
            depth: { whenState: 'isHovered', then: 'topNodes', else: 'nodes' },
            cursor: 'pointer',
          },
          {
            whenData: { broker: true },
            then: { backdropVisibility: 'visible', backdropColor: BROKER_HALO, backdropArea: 'node', backdropPadding: 3, backdropShadowBlur: 0, backdropShadowColor: 'rgba(0,0,0,0)' },
          },
          {
            whenState: 'isHovered',
            then: { labelVisibility: 'visible', backdropVisibility: 'visible', backdropColor: '#ffffff', backdropArea: 'both', backdropPadding: 4, backdropShadowBlur: 8, backdropShadowColor: 'rgba(0,0,0,0.35)' },
          },
          {
            whenData: { selected: true },
            then: {
              labelVisibility: 'visible',
              backdropVisibility: 'visible',
              backdropColor: '#ffffff',
              backdropBorderColor: SELECTED_HALO,
              backdropBorderWidth: 3,
              backdropArea: 'both',
              backdropPadding: 5,
              backdropShadowBlur: 0,
              depth: 'topNodes',
            },
          },
        ],
        edges: [
          {
            color: { attribute: 'color', defaultValue: '#b0b7bf' },
            size: { attribute: 'size', defaultValue: 1.5 },
            opacity: { attribute: 'opacity', defaultValue: 0.85 },
            visibility: { when: (_a, _s, graphState) => graphState.edgesHidden, then: 'hidden', else: 'visible' },
            depth: { whenState: ['isHighlighted', 'isHovered'], then: 'topEdges', else: 'edges' },
            cursor: 'pointer',
          },
          { whenState: 'isHovered', then: { size: 4 } },
          { whenData: { selected: true }, then: { size: 5, opacity: 1, depth: 'topEdges' } },
        ],
      },
    });

    this.sigma.on('clickNode', ({ node }) => {
      const a = this.graph.getNodeAttributes(node);
      if (a.moreOf !== undefined) this.handlers.expandNode(node);
      else this.handlers.selectNode(node);
    });
    this.sigma.on('doubleClickNode', (e) => {
      e.preventSigmaDefault();
      this.handlers.expandNode(e.node);
    });
    this.sigma.on('clickEdge', ({ edge }) => this.handlers.selectEdge(edge));

    this.sigma.on('clickStage', () => this.handlers.clearSelection());
    this.graph.on('nodeAdded', () => this.queueChanged());
    this.graph.on('nodeDropped', () => this.queueChanged());
    this.graph.on('cleared', () => this.queueChanged());
  }

  private queueChanged(): void {
    if (this.changeQueued) return;
    this.changeQueued = true;
    queueMicrotask(() => {
      this.changeQueued = false;
      // Large graphs: links and labels are not drawn while the camera moves (sigma's own remedy).
      const large = this.graph.size > LARGE_GRAPH_LINKS;
      if (this.sigma.getSetting('hideEdgesOnMove') !== large) this.sigma.setSettings({ hideEdgesOnMove: large, hideLabelsOnMove: large });
      this.handlers.changed();
    });
  }

  /** Where ring membership comes from (the app's ring index); recolours every node. */
  setRingLookup(ringOf: (id: string) => string | undefined): void {
    this.ringOf = ringOf;
    this.recolor();
  }

  recolor(): void {
    this.graph.updateEachNodeAttributes((id, a) => {
      if (a.moreOf !== undefined) return a;
      const ringId = this.ringOf(id);
      return { ...a, ringId, color: a.hub ? HUB_COLOR : ringColor(ringId) };
    });
  }

  clear(): void {
    this.selectedNode = undefined;
    this.selectedEdge = undefined;
    this.emphasis = undefined;
    this.graph.clear();
    this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  }

  /** Adds the entity, or refreshes what is known of it. `near`: start next to this node. */
  upsertEntity(e: Entity, place: { near?: string | undefined; x?: number; y?: number } = {}): string {
    const broker = e.broker !== undefined && e.broker.rank > 0 && e.broker.rank <= BROKER_HALO_MAX_RANK;
    const ringId = this.ringOf(e.id);
    const attrs = {
      kind: e.kind,
      entity: e,
      label: entityLabel(e),
      shape: this.shapeSlugs[KIND_SHAPES[e.kind] ?? 'circle'],
      size: nodeSize(e.kind, e.broker?.rank, e.isHub),
      broker,
      hub: e.isHub,
      ringId,
      color: e.isHub ? HUB_COLOR : ringColor(ringId),
    };
    if (this.graph.hasNode(e.id)) {
      // A broker marked by its ring stays marked when the entity is read again.
      this.graph.mergeNodeAttributes(e.id, { ...attrs, broker: attrs.broker || this.graph.getNodeAttribute(e.id, 'broker') });
      return e.id;
    }
    const { x, y } = this.initialPosition(e.id, place);
    this.graph.addNode(e.id, {
      ...attrs,
      x,
      y,
      opacity: this.emphasis ? 0.15 : 1,
      moreOf: undefined,
      moreCount: 0,
      expanded: false,
      selected: false,
      forceLabel: false,
    });
    return e.id;
  }

  /** A node for an id whose entity is not loaded yet (alert paths): kind from the id prefix. */
  upsertBareNode(id: string, place: { near?: string | undefined; x?: number; y?: number } = {}): string {
    if (this.graph.hasNode(id)) return id;
    const kind = kindOfId(id) ?? 'Person';
    return this.upsertEntity({ id, kind, roles: [], props: {}, isHub: false }, place);
  }

  private initialPosition(id: string, place: { near?: string | undefined; x?: number; y?: number }): { x: number; y: number } {
    if (place.x !== undefined && place.y !== undefined) return { x: place.x, y: place.y };
    const angle = hash01(id) * 2 * Math.PI;
    if (place.near !== undefined && this.graph.hasNode(place.near)) {
      const c = this.graph.getNodeAttributes(place.near);
      const r = 1 + hash01(`${id}#r`) * 0.6;
      return { x: c.x + r * Math.cos(angle), y: c.y + r * Math.sin(angle) };
    }
    const r = 5 * Math.sqrt(hash01(`${id}#r`));
    return { x: r * Math.cos(angle), y: r * Math.sin(angle) };
  }

  /** Adds the link when both ends are shown. */
  upsertLink(l: Link): string | undefined {
    if (!this.graph.hasNode(l.from) || !this.graph.hasNode(l.to)) return undefined;
    const attrs = { type: l.type, link: l, color: linkColor(l.type), label: linkLabel(l.type), size: 1.5 + Math.min(3, Math.log2(1 + l.evidenceCount) / 2) };
    if (this.graph.hasEdge(l.id)) this.graph.mergeEdgeAttributes(l.id, attrs);
    else this.graph.addDirectedEdgeWithKey(l.id, l.from, l.to, { ...attrs, opacity: this.emphasis ? 0.08 : 0.85, selected: false });
    return l.id;
  }

  /** The "and N more" node of a capped hub (one node for all the neighbours not shown). */
  setMore(hubId: string, count: number): void {
    const id = moreNodeId(hubId);
    if (count <= 0) {
      if (this.graph.hasNode(id)) this.graph.dropNode(id);
      return;
    }
    const label = `and ${count} more`;
    if (this.graph.hasNode(id)) {
      this.graph.mergeNodeAttributes(id, { label, moreCount: count });
      return;
    }
    const { x, y } = this.initialPosition(id, { near: hubId });
    this.graph.addNode(id, {
      x,
      y,
      size: 7,
      color: MORE_COLOR,
      label,
      shape: this.shapeSlugs.circle,
      opacity: 1,
      kind: 'more',
      entity: undefined,
      ringId: undefined,
      broker: false,
      hub: false,
      moreOf: hubId,
      moreCount: count,
      expanded: false,
      selected: false,
      forceLabel: true,
    });
    this.graph.addDirectedEdgeWithKey(`${id}|MORE`, hubId, id, { type: 'MORE', link: undefined, color: '#c4cad1', size: 1, opacity: 0.9, label: '', selected: false });
  }

  markExpanded(id: string): void {
    if (this.graph.hasNode(id)) this.graph.setNodeAttribute(id, 'expanded', true);
  }

  /** Labels always shown for these nodes (binding identifiers, path ends). */
  forceLabels(ids: Iterable<string>): void {
    for (const id of ids) if (this.graph.hasNode(id)) this.graph.setNodeAttribute(id, 'forceLabel', true);
  }

  /** Marks these as brokers (gold halo) even when their entity has no broker rank (a ring's brokers). */
  markBrokers(ids: Iterable<string>): void {
    for (const id of ids) if (this.graph.hasNode(id)) this.graph.setNodeAttribute(id, 'broker', true);
  }

  select(target: { node: string } | { edge: string } | null): void {
    if (this.selectedNode && this.graph.hasNode(this.selectedNode)) this.graph.setNodeAttribute(this.selectedNode, 'selected', false);
    if (this.selectedEdge && this.graph.hasEdge(this.selectedEdge)) this.graph.setEdgeAttribute(this.selectedEdge, 'selected', false);
    this.selectedNode = undefined;
    this.selectedEdge = undefined;
    if (target && 'node' in target && this.graph.hasNode(target.node)) {
      this.selectedNode = target.node;
      this.graph.setNodeAttribute(target.node, 'selected', true);
    } else if (target && 'edge' in target && this.graph.hasEdge(target.edge)) {
      this.selectedEdge = target.edge;
      this.graph.setEdgeAttribute(target.edge, 'selected', true);
    }
  }

  /** Fades everything but these (a path, a ring's core); null shows all again. */
  setEmphasis(emphasis: { nodes: Iterable<string>; edges: Iterable<string> } | null): void {
    if (emphasis === null) {
      this.emphasis = undefined;
      this.graph.updateEachNodeAttributes((_id, a) => ({ ...a, opacity: 1 }));
      this.graph.updateEachEdgeAttributes((_id, a) => ({ ...a, opacity: 0.85 }));
      return;
    }
    const nodes = new Set(emphasis.nodes);
    const edges = new Set(emphasis.edges);
    this.emphasis = { nodes, edges };
    this.graph.updateEachNodeAttributes((id, a) => ({ ...a, opacity: nodes.has(id) ? 1 : 0.15 }));
    this.graph.updateEachEdgeAttributes((id, a) => ({ ...a, opacity: edges.has(id) ? 1 : 0.08, size: edges.has(id) ? Math.max(a.size, 3.5) : a.size }));
  }

  /**
   * Stops drawing edges (or draws them again). Large graphs hide them while
   * their layout runs: drawing thousands of edges every iteration is what
   * slows the page, and nodes moving are what the analyst watches then.
   */
  setEdgesHidden(hidden: boolean): void {
    this.sigma.setGraphState({ edgesHidden: hidden });
  }

  get edgesHidden(): boolean {
    return this.sigma.getGraphState().edgesHidden;
  }

  /** Centres the camera on a node. */
  focusNode(id: string, ratio?: number): void {
    const d = this.sigma.getNodeDisplayData(id);
    if (!d) return;
    const camera = this.sigma.getCamera();
    void camera.animate({ x: d.x, y: d.y, ratio: ratio ?? Math.min(camera.ratio, 0.8) }, { duration: this.sigma.getSetting('zoomDuration') });
  }

  /**
   * Shows the whole graph; `ratio` above 1 leaves room around it, and
   * `shiftRight` (a fraction of the view) leaves room for the labels right
   * of the outermost nodes.
   */
  fit(ratio = 1, shiftRight = 0): void {
    void this.sigma.getCamera().animate({ x: 0.5 + shiftRight * ratio, y: 0.5, ratio, angle: 0 }, { duration: this.sigma.getSetting('zoomDuration') });
  }

  zoom(direction: 1 | -1): void {
    const camera = this.sigma.getCamera();
    void (direction > 0 ? camera.zoomIn() : camera.zoomOut());
  }

  pan(dx: number, dy: number): void {
    const camera = this.sigma.getCamera();
    camera.setState({ x: camera.x + dx * 0.1 * camera.ratio, y: camera.y + dy * 0.1 * camera.ratio });
  }

  /** Where a node is drawn, in CSS pixels relative to the container (tests, keyboard focus rings). */
  viewportPosition(id: string): { x: number; y: number } | undefined {
    const d = this.sigma.getNodeDisplayData(id);
    if (!d) return undefined;
    return this.sigma.framedGraphToViewport({ x: d.x, y: d.y });
  }

  /** Nodes for the accessible list: real entities first (by label), placeholders last. */
  listNodes(): Array<{ id: string; attributes: NodeAttributes }> {
    const out: Array<{ id: string; attributes: NodeAttributes }> = [];
    this.graph.forEachNode((id, attributes) => out.push({ id, attributes }));
    return out.sort((a, b) => Number(a.attributes.moreOf !== undefined) - Number(b.attributes.moreOf !== undefined) || a.attributes.label.localeCompare(b.attributes.label));
  }

  describeNode(id: string): string {
    if (!this.graph.hasNode(id)) return idValue(id);
    const a = this.graph.getNodeAttributes(id);
    return a.label;
  }

  kill(): void {
    this.sigma.kill();
  }
}
