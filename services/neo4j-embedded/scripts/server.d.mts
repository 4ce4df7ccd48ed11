// Types for ./server.mjs (local Neo4j Community server control).

/** Absolute path of services/neo4j-embedded. */
export declare const SERVICE_DIR: string;
/** Absolute path of the monorepo root. */
export declare const REPO_ROOT: string;
/** 7687 */
export declare const DEFAULT_PORT: number;
/** `<repo root>/.data/neo4j` */
export declare const DEFAULT_DATA_DIR: string;
/** '1g' (JVM -Xmx) */
export declare const DEFAULT_HEAP: string;
/** '512m' (server.memory.pagecache.size) */
export declare const DEFAULT_PAGECACHE: string;
/** 180000 */
export declare const DEFAULT_START_TIMEOUT_MS: number;
/** 'neo4j-embedded ready ' - the server logs `neo4j-embedded ready bolt://127.0.0.1:<port>` once up. */
export declare const READY_LINE_PREFIX: string;
/** '3.9.16': Apache Maven version fetched from Maven Central when no Maven is installed. */
export declare const BOOTSTRAP_MAVEN_VERSION: string;

export interface StartNeo4jOptions {
  /** Bolt port on 127.0.0.1. 0 picks a free port. Default: RINGLINK_NEO4J_PORT or 7687. */
  port?: number | string;
  /** Neo4j home: store, Neo4j logs, pid file. Default: RINGLINK_NEO4J_DATA or `<repo>/.data/neo4j`. */
  dataDir?: string;
  /** stdout/stderr of the JVM. Default: RINGLINK_NEO4J_LOG or `<dataDir>/neo4j-embedded.log`. */
  logFile?: string;
  /** JVM max heap, e.g. '768m'. Default: RINGLINK_NEO4J_HEAP or '1g'. */
  heap?: string;
  /** Page cache size, e.g. '256m'. Default: RINGLINK_NEO4J_PAGECACHE or '512m'. */
  pagecache?: string;
  /** Extra neo4j.conf-style properties file. Default: RINGLINK_NEO4J_CONF. */
  confFile?: string;
  /** Extra Neo4j settings, e.g. { 'db.transaction.timeout': '30s' } (win over defaults and confFile). */
  settings?: Record<string, string | number | boolean>;
  /** Extra JVM options. Default: RINGLINK_NEO4J_JAVA_OPTS split on whitespace. */
  javaOpts?: string[];
  /** How long to wait for Bolt after spawning java (Maven's first-run download is not counted). Default 180000. */
  timeoutMs?: number;
  /**
   * If a Bolt server already listens on the port but was not started for this dataDir, reuse it
   * (true, default) or throw (false).
   */
  reuseExisting?: boolean;
  /** Progress messages. Default: writes `[neo4j-embedded] ...` to stderr. */
  log?: (message: string) => void;
  /** Environment used for defaults and passed to java/mvn. Default: process.env. */
  env?: Record<string, string | undefined>;
}

export interface StopResult {
  stopped: boolean;
  pid?: number;
  /** true if SIGKILL was needed */
  forced?: boolean;
  reason?: string;
}

export interface Neo4jHandle {
  /** e.g. 'bolt://127.0.0.1:7687'. Auth is disabled: any user/password (e.g. neo4j/neo4j) or none. */
  uri: string;
  port: number;
  /** JVM pid; null when an unrelated Bolt server on the port is reused. */
  pid: number | null;
  dataDir: string;
  logFile: string | null;
  /** true if this call spawned the server; false if an already running one is reused. */
  started: boolean;
  /** Stops the server if this call started it; no-op otherwise (use stopNeo4j to force). */
  stop(): Promise<StopResult>;
}

export interface StopNeo4jOptions {
  /** Default: RINGLINK_NEO4J_DATA or `<repo>/.data/neo4j`. */
  dataDir?: string;
  /** Wait this long after SIGTERM before SIGKILL. Default 60000. */
  timeoutMs?: number;
  log?: (message: string) => void;
  env?: Record<string, string | undefined>;
}

export interface Neo4jStatus {
  /** A server started for this dataDir is alive. */
  running: boolean;
  pid: number | null;
  uri: string;
  port: number;
  /** A Bolt server answers the handshake on the port. */
  bolt: boolean;
  portState?: 'bolt' | 'down' | 'other';
}

/**
 * Starts Neo4j in the background (detached: it outlives the calling process) or reuses a running
 * one; resolves once Bolt accepts connections. Builds/resolves the classpath with Maven on first use.
 * Does NOT look at NEO4J_URI (start.mjs does).
 */
export declare function startNeo4j(options?: StartNeo4jOptions): Promise<Neo4jHandle>;

/** Stops the server started for dataDir: SIGTERM, SIGKILL after timeoutMs. Idempotent. */
export declare function stopNeo4j(options?: StopNeo4jOptions): Promise<StopResult>;

export declare function statusNeo4j(options?: { port?: number | string; dataDir?: string; env?: Record<string, string | undefined> }): Promise<Neo4jStatus>;

/** Compiles the launcher and resolves the Neo4j classpath (no-op when target/ is up to date). */
export declare function ensureBuilt(options?: { log?: (message: string) => void; env?: Record<string, string | undefined> }): Promise<{ built: boolean }>;

type MavenOptions = { log?: (message: string) => void; env?: Record<string, string | undefined> };

/** `${RINGLINK_CACHE_DIR:-~/.cache/ringlink}/maven/<version>` */
export declare function mavenCacheDir(env?: Record<string, string | undefined>, version?: string): string;

/**
 * Downloads Apache Maven from Maven Central (sha512-verified, extracted with `tar`) into
 * mavenCacheDir() unless already there; resolves the path of its bin/mvn.
 */
export declare function bootstrapMaven(options?: MavenOptions & { version?: string }): Promise<string>;

/** The Maven command used by ensureBuilt: $MVN, else `mvn` on PATH, else bootstrapMaven(). */
export declare function resolveMaven(options?: MavenOptions): Promise<string>;

/** Bolt handshake probe on 127.0.0.1 (or host). */
export declare function probeBolt(port: number, host?: string, timeoutMs?: number): Promise<'bolt' | 'down' | 'other'>;

export declare function resolveOptions(options?: StartNeo4jOptions): Required<Pick<StartNeo4jOptions, 'heap' | 'pagecache' | 'timeoutMs' | 'reuseExisting'>> & {
  port: number;
  dataDir: string;
  logFile: string;
  pidFile: string;
  lockFile: string;
  confFile: string | undefined;
  javaOpts: string[];
  settings: Record<string, string | number | boolean>;
  log: (message: string) => void;
  env: Record<string, string | undefined>;
};
