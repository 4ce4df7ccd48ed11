/**
 * Query API latency and throughput (search, entity, neighbours, paths) over
 * loopback HTTP against a throw-away Neo4j holding a generated case; see
 * services/query-api/src/bench/api-bench.ts for the method and options
 * (`pnpm bench api --api-rings=40 --api-seconds=10`).
 */
import { runApiBench } from '../../../services/query-api/src/bench/api-bench.js';

export default {
  name: 'api',
  run: (args: string[]): Promise<void> => runApiBench(args),
};
