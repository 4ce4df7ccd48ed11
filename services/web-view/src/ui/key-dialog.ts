/** Asks for the API key once (a modal dialog) and keeps it in sessionStorage through the client. */
import type { ApiClient } from '../api/client.js';
import { byId } from './dom.js';

export class KeyDialog {
  private readonly dialog = byId<HTMLDialogElement>('key-dialog');
  private readonly form = byId<HTMLFormElement>('key-form');
  private readonly input = byId<HTMLInputElement>('key-input');
  private readonly error = byId('key-error');
  private waiting: Array<() => void> = [];

  constructor(private readonly api: ApiClient) {
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    byId('key-forget').addEventListener('click', () => {
      this.api.setKey(null);
      this.input.value = '';
      this.error.textContent = 'Key forgotten. Enter a key to continue.';
      this.input.focus();
    });
    // Escape must not leave the page without a key.
    this.dialog.addEventListener('cancel', (e) => {
      if (!this.api.key) e.preventDefault();
    });
  }

  /** Resolves once a key the service accepts is kept (immediately when one is). */
  ensure(): Promise<void> {
    if (this.api.key) return Promise.resolve();
    return this.open('');
  }

  open(message: string): Promise<void> {
    this.error.textContent = message;
    this.input.value = '';
    if (!this.dialog.open) this.dialog.showModal();
    this.input.focus();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async submit(): Promise<void> {
    const key = this.input.value.trim();
    if (key === '') return;
    this.error.textContent = 'Checking…';
    const result = await this.api.tryKey(key).catch((err: unknown) => ({ ok: false as const, message: err instanceof Error ? err.message : String(err) }));
    if (!result.ok) {
      this.error.textContent = `The service refused this key: ${result.message}`;
      this.input.select();
      return;
    }
    this.api.setKey(key);
    this.input.value = '';
    this.error.textContent = '';
    this.dialog.close();
    const waiting = this.waiting;
    this.waiting = [];
    for (const f of waiting) f();
  }
}
