import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.js';

describe('ringlink command', () => {
  it('has --help with a description on every command', () => {
    const program = buildProgram();
    expect(program.commands.length).toBeGreaterThanOrEqual(3);
    for (const command of program.commands) {
      expect(command.description(), command.name()).not.toBe('');
      const help = command.helpInformation();
      expect(help).toContain(`Usage: ringlink ${command.name()}`);
      expect(help).toContain('-h, --help');
    }
  });

  it('rejects an invalid option value with a precise message', async () => {
    const program = buildProgram();
    let stderr = '';
    program.configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => {} });
    for (const c of program.commands) c.exitOverride().configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => {} });
    await expect(program.parseAsync(['node', 'ringlink', 'generate', '--out', '/tmp/x', '--rings', 'many'])).rejects.toThrow();
    expect(stderr).toContain('expected a non-negative integer, got "many"');
  });
});
