/**
 * Alert latency (end of an ingest request → SSE client and webhook
 * receiver, p50/p99) on a store of `--alerts-links=N` links (default 1M);
 * see services/query-api/src/alerts/bench/alerts-bench.ts for the method
 * and options (`pnpm bench alerts --alerts-links=50000 --alerts-requests=100`).
 */
import { runAlertsBench } from '../../../services/query-api/src/alerts/bench/alerts-bench.js';

export default {
  name: 'alerts',
  run: (args: string[]): Promise<void> => runAlertsBench(args),
};
