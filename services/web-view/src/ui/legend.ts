/** The legend, drawn from the same tables that style the graph. */
import { BROKER_HALO, HUB_COLOR, KIND_LABELS, KIND_SHAPES, LINK_COLORS, MORE_COLOR, NO_RING_COLOR, ringColor } from '../graph/style-tables.js';
import { linkLabel } from '../graph/labels.js';
import { h, replaceChildren, shapeIcon } from './dom.js';

export function renderLegend(el: HTMLElement, shownLinkKinds: ReadonlySet<string> | undefined, shownRings: readonly string[]): void {
  const links = Object.entries(LINK_COLORS).filter(([k]) => shownLinkKinds === undefined || shownLinkKinds.has(k));
  replaceChildren(
    el,
    h('h3', {}, 'Shape: kind'),
    h('ul', {}, Object.entries(KIND_SHAPES).map(([kind, shape]) => h('li', {}, shapeIcon(shape, '#5b636d', 11), KIND_LABELS[kind] ?? kind))),
    h('h3', {}, 'Colour: ring'),
    h(
      'ul',
      {},
      shownRings.slice(0, 8).map((id) => h('li', {}, shapeIcon('circle', ringColor(id), 11), id)),
      h('li', {}, shapeIcon('circle', NO_RING_COLOR, 11), 'no ring'),
      h('li', {}, shapeIcon('circle', HUB_COLOR, 11), 'hub'),
      h('li', {}, shapeIcon('circle', BROKER_HALO, 11), 'top broker (gold halo; size by rank)'),
      h('li', {}, shapeIcon('circle', MORE_COLOR, 11), 'and N more'),
    ),
    links.length > 0 ? h('h3', {}, 'Line: link kind') : null,
    links.length > 0 ? h('ul', {}, links.map(([kind, color]) => h('li', {}, shapeIcon('line', color, 14), linkLabel(kind)))) : null,
  );
}
