import { Command } from 'commander';
import { registerServe } from './commands/serve.js';
const p = new Command('ringlink').exitOverride();
registerServe(p);
await p.parseAsync(process.argv);
