/**
 * The left panel's tabs (WAI-ARIA tabs pattern, automatic activation):
 * arrow keys move between tabs, Home/End to the first/last, Tab moves into
 * the panel.
 */
export class Tabs {
  private readonly tabs: HTMLButtonElement[];

  constructor(
    private readonly list: HTMLElement,
    private readonly onChange: (panelId: string) => void = () => {},
  ) {
    this.tabs = [...list.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    for (const tab of this.tabs) {
      tab.addEventListener('click', () => this.select(tab.id));
      tab.addEventListener('keydown', (e) => this.key(e, tab));
    }
  }

  private key(e: KeyboardEvent, tab: HTMLButtonElement): void {
    const i = this.tabs.indexOf(tab);
    let next: number | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (i + 1) % this.tabs.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (i - 1 + this.tabs.length) % this.tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = this.tabs.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    this.select(this.tabs[next]!.id);
    this.tabs[next]!.focus();
  }

  /** Shows the tab's panel (by tab id, e.g. `tab-rings`). */
  select(tabId: string): void {
    for (const tab of this.tabs) {
      const on = tab.id === tabId;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !on;
      if (on && panel) this.onChange(panel.id);
    }
  }

  get selected(): string | undefined {
    return this.tabs.find((t) => t.getAttribute('aria-selected') === 'true')?.id;
  }

  get element(): HTMLElement {
    return this.list;
  }
}
