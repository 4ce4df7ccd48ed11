import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { formatAlertOutcome, registerAlerts } from './alerts.js';
import { registerWatchlist } from './watchlist.js';

function program(): { program: Command; err: () => string } {
  let stderr = '';
  const p = new Command('ringlink').exitOverride().configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => {} });
  registerAlerts(p);
  registerWatchlist(p);
  for (const c of [...p.commands, ...p.commands.flatMap((c) => c.commands)]) c.exitOverride().configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => {} });
  return { program: p, err: () => stderr };
}

describe('ringlink alerts and watchlist (without a store)', () => {
  it('describe themselves', () => {
    const { program: p } = program();
    const alerts = p.commands.find((c) => c.name() === 'alerts')!;
    expect(alerts.helpInformation()).toContain('--follow');
    expect(alerts.helpInformation()).toContain('--url <url>');
    const watch = p.commands.find((c) => c.name() === 'watchlist')!;
    expect(watch.commands.map((c) => c.name())).toEqual(['add', 'remove', 'list']);
    for (const c of [alerts, watch, ...watch.commands]) expect(c.description()).not.toBe('');
  });

  it('reject bad option values with precise messages, before connecting anywhere', async () => {
    const a = program();
    await expect(a.program.parseAsync(['node', 'ringlink', 'alerts', '--status', 'closed'])).rejects.toThrow();
    expect(a.err()).toContain('--status must be one of open, acknowledged, assigned, dismissed, got "closed"');
    const b = program();
    await expect(b.program.parseAsync(['node', 'ringlink', 'watchlist', 'add', '0300-1234567', '--kind', 'iban'])).rejects.toThrow();
    expect(b.err()).toContain('--kind must be one of phone, account, document, cnic, passport, email, got "iban"');
    const c = program();
    await expect(c.program.parseAsync(['node', 'ringlink', 'alerts', '--since', 'last week'])).rejects.toThrow();
    expect(c.err()).toContain('expected an ISO 8601 date');
  });

  it('summarizes what an ingest raised', () => {
    const text = formatAlertOutcome({
      raised: [{ id: 'alert-0000000000000001', key: 'k', rule: 'joined-ring', entity: 'person:cnic:3740100000004', rings: ['R-0001'], severity: 'high', eventId: 7, change: 'raised' }],
      updated: [],
      unchanged: 1,
      lastEventId: 7,
    });
    expect(text).toContain('Alerts: 1 raised, 0 updated with new evidence, 1 unchanged');
    expect(text).toContain('joined-ring   person:cnic:3740100000004  R-0001');
  });
});
