/**
 * Asks for what a court package needs besides the ring — the case
 * reference and whether to mask third parties — then runs the export,
 * keeping the dialog open (and the error in it) until it succeeds.
 */
import type { ExportOptions } from '../api/capabilities.js';
import { byId } from './dom.js';

export class ExportDialog {
  private readonly dialog = byId<HTMLDialogElement>('export-dialog');
  private readonly form = byId<HTMLFormElement>('export-form');
  private readonly title = byId('export-title');
  private readonly caseRef = byId<HTMLInputElement>('export-case-ref');
  private readonly redact = byId<HTMLInputElement>('export-redact');
  private readonly error = byId('export-error');
  private readonly submitButton = byId<HTMLButtonElement>('export-submit');
  private run: ((options: ExportOptions) => Promise<void>) | undefined;

  constructor() {
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    byId('export-cancel').addEventListener('click', () => this.dialog.close());
  }

  /** Opens the dialog for one ring; `run` builds and downloads the package (throws to show an error). */
  open(ringId: string, run: (options: ExportOptions) => Promise<void>): void {
    this.run = run;
    this.title.textContent = `Export court package of ${ringId}`;
    this.error.textContent = '';
    this.submitButton.disabled = false;
    if (!this.dialog.open) this.dialog.showModal();
    this.caseRef.focus();
    this.caseRef.select();
  }

  private async submit(): Promise<void> {
    const caseRef = this.caseRef.value.trim();
    if (caseRef === '' || this.run === undefined) {
      this.error.textContent = 'Give the case reference the package is for.';
      this.caseRef.focus();
      return;
    }
    this.error.textContent = 'Building the package…';
    this.submitButton.disabled = true;
    try {
      await this.run({ caseRef, redact: this.redact.checked });
      this.error.textContent = '';
      this.dialog.close();
    } catch (err) {
      this.error.textContent = err instanceof Error ? err.message : String(err);
    } finally {
      this.submitButton.disabled = false;
    }
  }
}
