/**
 * Test support for the CLI's integration tests: commands run in-process
 * against the integration setup's Neo4j (`inject('neo4jUri')`, set as
 * NEO4J_URI so the commands connect as an operator's would), the store
 * emptied first, stdout captured per call, stderr silenced, a scratch
 * folder. `close()` puts everything back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { inject, vi } from 'vitest';
import { openStore, type Neo4jStore } from '@ringlink/store-neo4j';

export interface CliHarness {
  /** Runs `ringlink <args>`; resolves with what it printed to stdout. */
  run(...args: string[]): Promise<string>;
  store: Neo4jStore;
  dir: string;
  close(): Promise<void>;
}

export async function cliHarness(commands: ReadonlyArray<(program: Command) => void>, name: string): Promise<CliHarness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `ringlink-cli-${name}-`));
  const savedUri = process.env.NEO4J_URI;
  process.env.NEO4J_URI = inject('neo4jUri');
  const store = await openStore({ uri: inject('neo4jUri') });
  await store.clear();
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return {
    store,
    dir,
    async run(...args: string[]): Promise<string> {
      const program = new Command('ringlink').exitOverride();
      for (const register of commands) register(program);
      out = '';
      await program.parseAsync(['node', 'ringlink', ...args]);
      return out;
    },
    async close(): Promise<void> {
      vi.restoreAllMocks();
      if (savedUri === undefined) delete process.env.NEO4J_URI;
      else process.env.NEO4J_URI = savedUri;
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
