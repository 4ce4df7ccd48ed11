/**
 * The CLI's alerting against the real Neo4j: `ringlink ingest` raises
 * alerts (and nothing when the batch brings nothing new), `ringlink
 * watchlist add|list|remove`, `ringlink alerts` lists and follows.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnicPersonId, isRinglinkError, phoneId } from '@ringlink/model';
import { AlertStore, type Neo4jStore } from '@ringlink/store-neo4j';
import { cliHarness, type CliHarness } from '../testing/cli-harness.js';
import { followStore, registerAlerts } from './alerts.js';
import { registerIngest } from './ingest.js';
import { registerWatchlist } from './watchlist.js';

const AGENT_CNIC = '6110155555555';
const AGENT_PHONE = '+923215556677';
const HEADER = 'application_id,submitted_at,applicant_name,applicant_dob,applicant_cnic,applicant_phone,agent_name,agent_phone,agent_cnic';
const applicant = (n: number): string => `37401000000${String(n).padStart(2, '0')}`;

let cli: CliHarness;
let tmp: string;
let store: Neo4jStore;
const ringlink = (...args: string[]): Promise<string> => cli.run(...args);

beforeAll(async () => {
  cli = await cliHarness([registerIngest, registerAlerts, registerWatchlist], 'alerts');
  ({ dir: tmp, store } = cli);
});

afterAll(async () => {
  await cli?.close();
});

describe('ringlink ingest, watchlist and alerts', () => {
  it('raises alerts on ingest, manages the watch list, lists and follows alerts', async () => {
    // A ring: an agent with three applicants, all on the agent's phone.
    const first = path.join(tmp, 'applications-1.csv');
    await writeFile(first, [HEADER, ...[1, 2, 3].map((n) => `A-${n},2026-01-0${n},Applicant ${n},1990-01-0${n},${applicant(n)},,Agent Raza,0321-5556677,${AGENT_CNIC}`)].join('\n') + '\n');
    expect(await ringlink('ingest', first)).toContain('Alerts: 0 raised, 0 updated');
    const persons = [cnicPersonId(AGENT_CNIC), ...[1, 2, 3].map((n) => cnicPersonId(applicant(n)))];
    await store.writeAnalysis({
      run: { id: 'run-c11a1e0000000001', seed: 1, parameters: {}, software: {}, inputs: [], hubs: [], modularity: 0.4 },
      rings: [{ id: 'R-0001', members: [...persons, phoneId(AGENT_PHONE)].sort(), persons, score: 84, explanation: 'test ring' }],
      ringEvents: [{ type: 'new', id: 'R-0001' }],
      brokers: [],
    });

    expect(await ringlink('watchlist', 'add', '0333-1112223', '--kind', 'phone', '--note', 'courier')).toContain('watching: phone +923331112223 — courier');
    expect(await ringlink('watchlist', 'list')).toMatch(/phone\s+\+923331112223 .* — courier/);
    await expect(ringlink('watchlist', 'add', 'call me', '--kind', 'phone')).rejects.toSatisfy((e) => isRinglinkError(e, 'INVALID_ARGUMENT'));

    // A new applicant on the ring's phone (another spelling), another on the watched phone.
    const second = path.join(tmp, 'applications-2.csv');
    await writeFile(second, [HEADER, `A-4,2026-02-01,Applicant 4,1990-02-01,${applicant(4)},+92 321 5556677,,,`, `A-5,2026-02-02,Applicant 5,1990-02-02,${applicant(5)},(0333) 111 2223,,,`].join('\n') + '\n');
    const printed = await ringlink('ingest', second);
    expect(printed).toContain('Alerts: 2 raised, 0 updated');
    expect(printed).toMatch(/new\s+high\s+joined-ring\s+person:cnic:3740100000004\s+R-0001/);
    expect(printed).toMatch(/new\s+\w+\s+watchlist-hit\s+phone:\+923331112223/);

    // The same file again: nothing new joins.
    expect(await ringlink('ingest', second)).toContain('Alerts: 0 raised, 0 updated with new evidence, 0 unchanged');

    const listed = JSON.parse(await ringlink('alerts', '--json'));
    expect(listed.total).toBe(2);
    const joined = listed.items.find((a: { rule: string }) => a.rule === 'joined-ring');
    expect(joined).toMatchObject({ entity: cnicPersonId(applicant(4)), member: phoneId(AGENT_PHONE), rings: [{ id: 'R-0001', score: 84 }] });
    expect(joined.path.nodes).toEqual([cnicPersonId(applicant(4)), phoneId(AGENT_PHONE), cnicPersonId(AGENT_CNIC)]);
    expect(joined.source).toMatchObject({ via: 'cli', files: [expect.objectContaining({ file: 'applications-2.csv' })] });
    const text = await ringlink('alerts', '--rule', 'joined-ring');
    expect(text).toContain('joined-ring');
    expect(text).not.toContain('watchlist-hit');
    await expect(ringlink('alerts', '--rule', 'nope')).rejects.toThrow();

    // Following from the first event prints both, then stops when asked.
    const alerts = await AlertStore.open(store, { ensureSchema: false });
    const lines: string[] = [];
    const stop = new AbortController();
    const last = await followStore(alerts, {
      from: 0,
      json: true,
      intervalMs: 100,
      signal: stop.signal,
      write: (s) => {
        lines.push(s);
        if (lines.length === 2) stop.abort();
      },
    });
    expect(lines.map((l) => JSON.parse(l).type)).toEqual(['alert.raised', 'alert.raised']);
    expect(last).toBe(2);

    expect(await ringlink('watchlist', 'remove', '+92 333 1112223', '--kind', 'phone')).toContain('no longer watching: phone +923331112223');
    await expect(ringlink('watchlist', 'remove', '03331112223', '--kind', 'phone')).rejects.toSatisfy((e) => isRinglinkError(e, 'NOT_FOUND'));
  }, 300_000); // a dozen commands, each connecting and asserting the schema
});
