// Programmatic control of the local Neo4j Community server (Bolt only).
// Plain ESM, Node >= 20 built-ins only: usable before `pnpm install` and from vitest globalSetup.
//
//   import { startNeo4j, stopNeo4j } from '@ringlink/neo4j-embedded/server';
//   const { uri, stop } = await startNeo4j({ port: 0, dataDir: tmpDir });
//
// See ../README.md for the layout of the data directory, env vars and gotchas.

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

export const SERVICE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(SERVICE_DIR, '..', '..');
export const DEFAULT_PORT = 7687;
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data', 'neo4j');
export const DEFAULT_HEAP = '1g';
export const DEFAULT_PAGECACHE = '512m';
export const DEFAULT_START_TIMEOUT_MS = 180_000;
export const READY_LINE_PREFIX = 'neo4j-embedded ready ';
/** Apache Maven fetched from Maven Central when neither $MVN nor `mvn` on PATH is available. */
export const BOOTSTRAP_MAVEN_VERSION = '3.9.16';

const HOST = '127.0.0.1';
const MAIN_CLASS = 'dev.ringlink.neo4j.Launcher';
const TARGET_DIR = path.join(SERVICE_DIR, 'target');
const CLASSES_DIR = path.join(TARGET_DIR, 'classes');
const LAUNCHER_CLASS = path.join(CLASSES_DIR, ...MAIN_CLASS.split('.')) + '.class';
const CLASSPATH_FILE = path.join(TARGET_DIR, 'classpath.txt');
const ARGFILE = path.join(TARGET_DIR, 'launcher.argfile');
const PID_FILE_NAME = 'neo4j-embedded.pid';
const LOCK_FILE_NAME = 'neo4j-embedded.lock';
const LOG_FILE_NAME = 'neo4j-embedded.log';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const defaultLog = (msg) => process.stderr.write(`[neo4j-embedded] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Options

function parsePort(value, what) {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value), 10);
  if (!Number.isInteger(n) || n < 0 || n > 65535 || String(n) !== String(value).trim()) {
    throw new Error(`invalid ${what}: ${JSON.stringify(value)} (expected an integer 0-65535)`);
  }
  return n;
}

/** Resolves options against env vars (RINGLINK_NEO4J_*) and defaults. */
export function resolveOptions(opts = {}) {
  const env = opts.env ?? process.env;
  const portRaw = opts.port ?? env.RINGLINK_NEO4J_PORT ?? DEFAULT_PORT;
  const port = parsePort(portRaw, opts.port != null ? 'port' : 'RINGLINK_NEO4J_PORT');
  const dataDir = path.resolve(opts.dataDir ?? (env.RINGLINK_NEO4J_DATA || DEFAULT_DATA_DIR));
  const logFile = path.resolve(opts.logFile ?? (env.RINGLINK_NEO4J_LOG || path.join(dataDir, LOG_FILE_NAME)));
  const timeoutSecs = env.RINGLINK_NEO4J_START_TIMEOUT ? Number(env.RINGLINK_NEO4J_START_TIMEOUT) : undefined;
  return {
    port,
    dataDir,
    logFile,
    pidFile: path.join(dataDir, PID_FILE_NAME),
    lockFile: path.join(dataDir, LOCK_FILE_NAME),
    heap: opts.heap ?? (env.RINGLINK_NEO4J_HEAP || DEFAULT_HEAP),
    pagecache: opts.pagecache ?? (env.RINGLINK_NEO4J_PAGECACHE || DEFAULT_PAGECACHE),
    confFile: opts.confFile ?? (env.RINGLINK_NEO4J_CONF || undefined),
    javaOpts: opts.javaOpts ?? (env.RINGLINK_NEO4J_JAVA_OPTS ? env.RINGLINK_NEO4J_JAVA_OPTS.split(/\s+/).filter(Boolean) : []),
    settings: opts.settings ?? {},
    timeoutMs: opts.timeoutMs ?? (timeoutSecs > 0 ? timeoutSecs * 1000 : DEFAULT_START_TIMEOUT_MS),
    reuseExisting: opts.reuseExisting ?? true,
    log: opts.log ?? defaultLog,
    env,
  };
}

// ---------------------------------------------------------------------------------------------
// Process / port helpers

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** True if pid is a live Launcher JVM (for dataDir, when /proc is available). Guards against pid reuse. */
function isOurServer(pid, dataDir) {
  if (!isAlive(pid)) return false;
  let cmdline;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return true; // no /proc (macOS): trust kill(pid, 0)
  }
  if (!cmdline) return false; // zombie
  const args = cmdline.split('\0');
  if (!args.includes(MAIN_CLASS)) return false;
  const i = args.indexOf('--home');
  return dataDir == null || (i >= 0 && path.resolve(args[i + 1] ?? '') === path.resolve(dataDir));
}

function readPidFile(pidFile) {
  try {
    const info = JSON.parse(fs.readFileSync(pidFile, 'utf8'));
    return Number.isInteger(info?.pid) ? info : null;
  } catch {
    return null;
  }
}

function removeFile(file) {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
}

/**
 * Bolt handshake probe. Resolves 'bolt' if a Bolt server answered the handshake, 'down' if nothing
 * listens, 'other' if something else holds the port (connects but no Bolt answer).
 */
export function probeBolt(port, host = HOST, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    let connected = false;
    let got = Buffer.alloc(0);
    const done = (result) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(connected ? 'other' : 'down'), timeoutMs);
    sock.on('connect', () => {
      connected = true;
      // Magic preamble + 4 version proposals: 5.8..5.0, 4.4..4.2, 4.1, 3.0.
      sock.write(Buffer.from([0x60, 0x60, 0xb0, 0x17, 0, 8, 8, 5, 0, 2, 4, 4, 0, 0, 1, 4, 0, 0, 0, 3]));
    });
    sock.on('data', (chunk) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= 4) done('bolt');
    });
    sock.on('error', () => done(connected ? 'other' : 'down'));
    sock.on('close', () => done(connected ? (got.length >= 4 ? 'bolt' : 'other') : 'down'));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function acquireLock(lockFile, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => removeFile(lockFile);
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let holder = 0;
    let ageMs = 0;
    try {
      holder = Number.parseInt(fs.readFileSync(lockFile, 'utf8') || '0', 10);
      ageMs = Date.now() - fs.statSync(lockFile).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    // Stale if the holder died (or, pid reuse, the lock is older than any start/build could take).
    if (!isAlive(holder) || ageMs > 60 * 60_000) {
      removeFile(lockFile);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} lock ${lockFile} held by pid ${holder}`);
    await sleep(250);
  }
}

function logTail(logFile, fromOffset = 0, lines = 40) {
  try {
    const buf = fs.readFileSync(logFile);
    const text = buf.subarray(Math.min(fromOffset, buf.length)).toString('utf8');
    return text.split('\n').slice(-lines).join('\n').trimEnd();
  } catch {
    return '(no log output)';
  }
}

// ---------------------------------------------------------------------------------------------
// Build (Maven): target/classes + target/classpath.txt, cached

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

function buildIsFresh() {
  // The argfile is written after every successful Maven run, so it doubles as the build stamp
  // (build-classpath does not rewrite classpath.txt when unchanged, so its mtime is useless).
  let outputs;
  try {
    outputs = fs.statSync(ARGFILE).mtimeMs;
    if (!fs.existsSync(LAUNCHER_CLASS) || !fs.existsSync(CLASSPATH_FILE)) return false;
  } catch {
    return false;
  }
  const inputs = Math.max(newestMtime(path.join(SERVICE_DIR, 'pom.xml')), newestMtime(path.join(SERVICE_DIR, 'src')));
  if (inputs > outputs) return false;
  // ~/.m2 may have been cleaned: every jar on the cached classpath must still exist.
  const cp = fs.readFileSync(CLASSPATH_FILE, 'utf8').trim();
  return cp.length > 0 && cp.split(path.delimiter).every((jar) => fs.existsSync(jar));
}

function writeArgfile() {
  const cp = [CLASSES_DIR, fs.readFileSync(CLASSPATH_FILE, 'utf8').trim()].join(path.delimiter);
  const quoted = `"${cp.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  fs.writeFileSync(ARGFILE, `-cp\n${quoted}\n`);
}

function run(cmd, args, { cwd, env }) {
  return new Promise((resolve) => {
    let output = '';
    let child;
    try {
      child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ status: null, error, output });
      return;
    }
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ status: null, error, output }));
    child.on('close', (status) => resolve({ status, error: null, output }));
  });
}

// ---------------------------------------------------------------------------------------------
// Maven bootstrap: $MVN, else `mvn` on PATH, else Apache Maven downloaded from Maven Central

const MAVEN_BASE_URL = 'https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven';

function findOnPath(cmd, env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {}
  }
  return null;
}

/** `${RINGLINK_CACHE_DIR:-~/.cache/ringlink}/maven/<version>`: where the bootstrapped Maven lives. */
export function mavenCacheDir(env = process.env, version = BOOTSTRAP_MAVEN_VERSION) {
  const root = env.RINGLINK_CACHE_DIR || path.join(os.homedir(), '.cache', 'ringlink');
  return path.join(path.resolve(root), 'maven', version);
}

// Node only trusts its bundled CAs (+ NODE_EXTRA_CA_CERTS), while curl and Java/Maven trust the OS store.
// Also trust the OS bundle, so networks with a TLS-inspecting proxy whose CA is installed system-wide work.
let caList;
function trustedCAs(env) {
  if (caList !== undefined) return caList;
  const files = [env.NODE_EXTRA_CA_CERTS, env.SSL_CERT_FILE, '/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];
  const extra = [];
  for (const f of new Set(files.filter(Boolean))) {
    try {
      extra.push(fs.readFileSync(f, 'utf8'));
    } catch {}
  }
  caList = extra.length ? [...tls.rootCertificates, ...extra] : null;
  return caList;
}

/** GET url; resolves the response stream (status 200) after following redirects. No proxy support. */
function httpsGet(url, env, redirects = 5) {
  return new Promise((resolve, reject) => {
    const ca = trustedCAs(env) ?? undefined;
    const req = https.get(url, { ca, headers: { 'user-agent': 'ringlink-neo4j-embedded' } }, (res) => {
      const { statusCode: code, headers } = res;
      if (code >= 300 && code < 400 && headers.location && redirects > 0) {
        res.resume();
        resolve(httpsGet(new URL(headers.location, url).href, env, redirects - 1));
      } else if (code !== 200) {
        res.resume();
        reject(new Error(`GET ${url}: HTTP ${code}`));
      } else {
        resolve(res);
      }
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`GET ${url}: no data for 60 s`)));
    req.on('error', reject);
  });
}

async function httpsText(url, env) {
  const res = await httpsGet(url, env);
  let text = '';
  res.setEncoding('utf8');
  for await (const chunk of res) text += chunk;
  return text;
}

/** Downloads url to file atomically (temp file + rename); resolves the sha512 hex digest. */
async function httpsDownload(url, file, env) {
  const tmp = `${file}.part`;
  const hash = crypto.createHash('sha512');
  try {
    const res = await httpsGet(url, env);
    await pipeline(
      res,
      async function* (source) {
        for await (const chunk of source) {
          hash.update(chunk);
          yield chunk;
        }
      },
      fs.createWriteStream(tmp),
    );
    const expected = Number(res.headers['content-length']);
    if (expected >= 0 && fs.statSync(tmp).size !== expected) throw new Error(`GET ${url}: truncated download`);
    fs.renameSync(tmp, file);
    return hash.digest('hex');
  } finally {
    removeFile(tmp);
  }
}

/**
 * Fetches Apache Maven <version> from Maven Central into mavenCacheDir() unless already there, and
 * returns the path of its bin/mvn. Verifies the tarball against the .sha512 published beside it.
 * Safe against interrupted runs (nothing is used unless complete) and concurrent callers.
 */
export async function bootstrapMaven({ log = defaultLog, env = process.env, version = BOOTSTRAP_MAVEN_VERSION } = {}) {
  const home = mavenCacheDir(env, version);
  const mvn = path.join(home, 'bin', 'mvn');
  if (fs.existsSync(mvn)) return mvn;

  const parent = path.dirname(home);
  const name = `apache-maven-${version}-bin.tar.gz`;
  const url = `${MAVEN_BASE_URL}/${version}/${name}`;
  const t0 = Date.now();
  log(`Maven not found; fetching Apache Maven ${version} from Maven Central (${url})`);
  fs.mkdirSync(parent, { recursive: true });
  // Leftovers of killed runs (everything temporary lives in one .tmp-* dir per attempt).
  for (const e of fs.readdirSync(parent)) {
    const p = path.join(parent, e);
    try {
      if (e.startsWith('.tmp-') && Date.now() - fs.statSync(p).mtimeMs > 60 * 60_000) fs.rmSync(p, { recursive: true, force: true });
    } catch {}
  }
  const tmpDir = fs.mkdtempSync(path.join(parent, `.tmp-${version}-`));
  const tarball = path.join(tmpDir, name);
  try {
    const want = (await httpsText(`${url}.sha512`, env)).trim().split(/\s+/)[0].toLowerCase();
    if (!/^[0-9a-f]{128}$/.test(want)) throw new Error(`unexpected content in ${url}.sha512`);
    const got = await httpsDownload(url, tarball, env);
    if (got !== want) throw new Error(`sha512 mismatch for ${url}: expected ${want}, got ${got}`);

    const r = await run('tar', ['-xzf', tarball, '-C', tmpDir], { cwd: parent, env });
    if (r.status !== 0) {
      throw new Error(`extracting ${name} failed (${r.error?.code === 'ENOENT' ? "'tar' not found" : r.output.trim() || `exit ${r.status}`})`);
    }
    const extracted = path.join(tmpDir, `apache-maven-${version}`);
    if (!fs.existsSync(path.join(extracted, 'bin', 'mvn'))) throw new Error(`${name} has no apache-maven-${version}/bin/mvn`);
    // Atomic publish: the directory appears complete or not at all.
    try {
      fs.renameSync(extracted, home);
    } catch (e) {
      // A concurrent caller (another checkout sharing the cache) won the race.
      if (!['EEXIST', 'ENOTEMPTY'].includes(e.code) || !fs.existsSync(mvn)) throw e;
    }
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  log(`Apache Maven ${version} ready in ${home} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return mvn;
}

/** The Maven command: $MVN, else `mvn` on PATH, else a bootstrapped Apache Maven (downloaded once). */
export async function resolveMaven({ log = defaultLog, env = process.env } = {}) {
  if (env.MVN) return env.MVN;
  if (findOnPath('mvn', env)) return 'mvn';
  return bootstrapMaven({ log, env });
}

/**
 * Compiles the launcher and resolves Neo4j from Maven Central into ~/.m2 (first run only).
 * Later runs reuse target/ without invoking Maven. Maven output is passed to `log`.
 */
export async function ensureBuilt({ log = defaultLog, env = process.env } = {}) {
  if (buildIsFresh()) return { built: false };
  const release = await acquireLock(path.join(TARGET_DIR, '.build.lock'), 30 * 60_000, 'build');
  try {
    if (buildIsFresh()) return { built: false }; // built by a concurrent caller meanwhile
    const mvn = await resolveMaven({ log, env });
    const pom = path.join(SERVICE_DIR, 'pom.xml');
    const base = ['-q', '-B', '-Dstyle.color=never', '-f', pom, 'package'];
    const t0 = Date.now();
    // Offline first: instant when ~/.m2 already has everything (e.g. only the Java source changed).
    let r = await run(mvn, ['-o', ...base], { cwd: SERVICE_DIR, env });
    if (r.error?.code === 'ENOENT') throw new Error(`'${mvn}' not found (MVN=${env.MVN ?? ''}); unset MVN to use mvn from PATH or a downloaded Maven`);
    if (r.status !== 0) {
      log('resolving Neo4j from Maven Central (first run downloads ~130 MB into ~/.m2, takes 1-2 min)...');
      r = await run(mvn, base, { cwd: SERVICE_DIR, env });
    }
    // Debian's Maven 3.8 prints stray ANSI resets even with -q -B; strip them.
    const output = r.output.replace(/\x1b\[[0-9;]*m/g, '').trim();
    if (r.status !== 0) {
      if (output) process.stderr.write(`${output}\n`);
      throw new Error(`maven build failed (exit ${r.status ?? r.error?.message}); try: mvn -B -f ${pom} package`);
    }
    if (output) log(output);
    writeArgfile();
    log(`build done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { built: true };
  } finally {
    release();
  }
}

// ---------------------------------------------------------------------------------------------
// Start / stop

function javaBin(env) {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

function jvmArgs(o) {
  return [
    '-Xms256m',
    `-Xmx${o.heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:-OmitStackTraceInFastThrow',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    ...o.javaOpts,
    `@${ARGFILE}`,
    MAIN_CLASS,
    '--home', o.dataDir,
    '--host', HOST,
    '--port', String(o.port),
    '--pagecache', o.pagecache,
    ...(o.confFile ? ['--conf', path.resolve(o.confFile)] : []),
    ...Object.entries(o.settings).flatMap(([k, v]) => ['--set', `${k}=${v}`]),
  ];
}

async function waitUntilUp(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await probeBolt(port)) === 'bolt') return true;
    await sleep(250);
  }
  return false;
}

async function terminate(pid, timeoutMs, log) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch (e) {
    if (e.code === 'ESRCH') return { forced: false };
    throw e;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (!isAlive(pid)) return { forced: false };
  log(`pid ${pid} did not exit ${Math.round(timeoutMs / 1000)} s after SIGTERM; sending SIGKILL`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
  const killDeadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < killDeadline) await sleep(100);
  return { forced: true };
}

const noopStop = async () => ({ stopped: false, reason: 'not started by this call' });

/**
 * Starts Neo4j in the background (detached; it outlives the calling process) or reuses a running one.
 * Resolves once Bolt accepts connections and the ready line was logged.
 */
export async function startNeo4j(options = {}) {
  const o = resolveOptions(options);
  const { log } = o;
  fs.mkdirSync(o.dataDir, { recursive: true });
  const release = await acquireLock(o.lockFile, o.timeoutMs + 30 * 60_000, 'start');
  try {
    // 1. A server we started earlier for this data dir (possibly still starting up).
    const info = readPidFile(o.pidFile);
    if (info && isOurServer(info.pid, o.dataDir)) {
      if (options.port != null && o.port !== 0 && info.port !== o.port) {
        log(`server for ${o.dataDir} already runs on port ${info.port} (requested ${o.port}); reusing it`);
      }
      if (!(await waitUntilUp(info.port, o.timeoutMs))) {
        throw new Error(`neo4j pid ${info.pid} is running but Bolt on port ${info.port} is not up; see ${info.logFile ?? o.logFile}`);
      }
      return { uri: info.uri, port: info.port, pid: info.pid, dataDir: o.dataDir, logFile: info.logFile ?? o.logFile, started: false, stop: noopStop };
    }
    if (info) removeFile(o.pidFile); // stale

    // 2. Something already listening on the port.
    let port = o.port === 0 ? await freePort() : o.port;
    const uri = `bolt://${HOST}:${port}`;
    const state = await probeBolt(port);
    if (state === 'bolt') {
      if (!o.reuseExisting) throw new Error(`port ${port} is already used by another Bolt server (reuseExisting: false)`);
      log(`a Bolt server is already listening on ${uri} (not started from ${o.dataDir}); reusing it`);
      return { uri, port, pid: null, dataDir: o.dataDir, logFile: null, started: false, stop: noopStop };
    }
    if (state === 'other') {
      throw new Error(`port ${port} on ${HOST} is in use by something that is not a Bolt server; set RINGLINK_NEO4J_PORT / --port`);
    }

    // 3. Start a new server.
    await ensureBuilt({ log, env: o.env });
    fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
    const fd = fs.openSync(o.logFile, 'a');
    fs.writeSync(fd, `\n=== ${new Date().toISOString()} start (port ${port}, data ${o.dataDir}) ===\n`);
    const offset = fs.fstatSync(fd).size;
    const t0 = Date.now();
    let child;
    try {
      child = spawn(javaBin(o.env), jvmArgs({ ...o, port }), {
        cwd: o.dataDir,
        env: o.env,
        detached: true,
        stdio: ['ignore', fd, fd],
      });
    } finally {
      fs.closeSync(fd);
    }
    let exit = null;
    let spawnError = null;
    child.on('exit', (code, signal) => (exit = { code, signal }));
    child.on('error', (e) => (spawnError = e));
    child.unref();
    await sleep(0);
    if (spawnError || !child.pid) {
      throw new Error(`could not run java (${spawnError?.message ?? 'no pid'}); Java 17 is required (set JAVA_HOME or PATH)`);
    }
    const pid = child.pid;
    fs.writeFileSync(o.pidFile, JSON.stringify({ pid, port, uri, dataDir: o.dataDir, logFile: o.logFile, startedAt: new Date().toISOString() }) + '\n');
    log(`starting neo4j (pid ${pid}, ${uri}, data ${o.dataDir}, log ${o.logFile})`);

    const deadline = Date.now() + o.timeoutMs;
    let readyLine = false;
    for (;;) {
      if (!readyLine) {
        try {
          const text = fs.readFileSync(o.logFile).subarray(offset).toString('utf8');
          readyLine = text.split('\n').some((l) => l.trim() === `${READY_LINE_PREFIX}${uri}`);
        } catch {}
      }
      if (readyLine && (await probeBolt(port)) === 'bolt') break;
      if (exit || spawnError) {
        removeFile(o.pidFile);
        const how = spawnError ? spawnError.message : exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
        throw new Error(`neo4j exited during startup (${how}). Log tail (${o.logFile}):\n${logTail(o.logFile, offset)}`);
      }
      if (Date.now() > deadline) {
        await terminate(pid, 30_000, log);
        removeFile(o.pidFile);
        throw new Error(`neo4j did not become ready within ${Math.round(o.timeoutMs / 1000)} s. Log tail (${o.logFile}):\n${logTail(o.logFile, offset)}`);
      }
      await sleep(200);
    }
    log(`ready: ${uri} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return {
      uri,
      port,
      pid,
      dataDir: o.dataDir,
      logFile: o.logFile,
      started: true,
      stop: () => stopNeo4j({ dataDir: o.dataDir, log }),
    };
  } finally {
    release();
  }
}

/** Stops the server started for dataDir (SIGTERM, then SIGKILL after timeoutMs). Idempotent. */
export async function stopNeo4j(options = {}) {
  const o = resolveOptions(options);
  const { log } = o;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const info = readPidFile(o.pidFile);
  if (!info) {
    log(`not running (no pid file ${o.pidFile})`);
    return { stopped: false, reason: 'not running' };
  }
  if (!isOurServer(info.pid, o.dataDir)) {
    removeFile(o.pidFile);
    log(`not running (removed stale pid file for pid ${info.pid})`);
    return { stopped: false, reason: 'stale pid file' };
  }
  const t0 = Date.now();
  const { forced } = await terminate(info.pid, timeoutMs, log);
  removeFile(o.pidFile);
  log(`stopped pid ${info.pid} (${info.uri}) in ${((Date.now() - t0) / 1000).toFixed(1)} s${forced ? ' (SIGKILL)' : ''}`);
  return { stopped: true, pid: info.pid, forced };
}

/** Reports whether a server for dataDir (or any Bolt server on the port) is up. */
export async function statusNeo4j(options = {}) {
  const o = resolveOptions(options);
  const info = readPidFile(o.pidFile);
  if (info && isOurServer(info.pid, o.dataDir)) {
    return { running: true, pid: info.pid, uri: info.uri, port: info.port, bolt: (await probeBolt(info.port)) === 'bolt' };
  }
  const state = await probeBolt(o.port);
  return { running: false, pid: null, uri: `bolt://${HOST}:${o.port}`, port: o.port, bolt: state === 'bolt', portState: state };
}

