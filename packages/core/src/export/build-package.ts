/**
 * Builds a court package: one zip with, in this order,
 *
 *   report.html, report.pdf, chart.svg, entities.csv, links.csv,
 *   graph.graphml, methodology.md, manifest.json
 *
 * from a CourtPackageInput. Pure apart from the bytes it emits: no clock,
 * no randomness, so the same input gives the same bytes (see
 * zip-writer.ts for the container). CSV and GraphML rows are streamed into
 * the zip (measured in a first pass, written in a second), so memory stays
 * bounded by the input, not by the package.
 *
 * Returns the package's SHA-256 for the caller's audit log (who exported
 * what, when, with which digest): logging is the caller's job.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { RinglinkError } from '@ringlink/model';
import { layoutPackage } from './chart-layout.js';
import { buildChartScene } from './chart-scene.js';
import { chartSvg } from './chart-svg.js';
import { entityCsv, linkCsv } from './csv-files.js';
import { graphml } from './graphml.js';
import { buildManifest, MANIFEST_NAME, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, serializeManifest, type Manifest } from './manifest.js';
import { methodologyMarkdown } from './methodology.js';
import { validatePackageInput, type CourtPackageInput } from './package-input.js';
import { buildPackageView } from './package-view.js';
import { buildReportContent } from './report-content.js';
import { reportHtml } from './report-html.js';
import { reportPdf } from './report-pdf.js';
import { CanonicalZipWriter, type ByteSink } from './zip-writer.js';

/** The files of a package in zip order (manifest.json last). report.pdf is left out, with a note, when it cannot be made. */
export const PACKAGE_FILES = ['report.html', 'report.pdf', 'chart.svg', 'entities.csv', 'links.csv', 'graph.graphml', 'methodology.md', MANIFEST_NAME] as const;

export interface BuildOptions {
  /** Make report.pdf (default true). */
  pdf?: boolean;
}

export interface CourtPackage {
  bytes: Buffer;
  /** SHA-256 of the zip, hex: what the caller logs. */
  sha256: string;
  manifest: Manifest;
}

export interface WrittenCourtPackage {
  path: string;
  size: number;
  sha256: string;
  manifest: Manifest;
}

/** Writes the package into `sink`; returns its manifest and digest. */
export async function emitCourtPackage(input: CourtPackageInput, sink: ByteSink, options: BuildOptions = {}): Promise<{ manifest: Manifest; sha256: string; size: number }> {
  const valid = validatePackageInput(input);
  const view = buildPackageView(valid);
  const positions = layoutPackage(view);
  const scene = buildChartScene(view, positions);
  const content = buildReportContent(view);
  const footer = `Made with ${view.software.name} ${view.software.version} on ${view.exportedAt} for case ${view.caseRef}, from analysis run ${view.run.id} ` +
    `(package format ${PACKAGE_FORMAT} v${PACKAGE_FORMAT_VERSION}).`;
  const notes: string[] = [];

  const text = (name: string, parts: Iterable<string>): string => {
    const s = [...parts].join('');
    view.redactor.check(s, name);
    return s;
  };
  const html = text('report.html', reportHtml(content, footer));
  const svg = text('chart.svg', chartSvg(scene));
  const methodology = text('methodology.md', [methodologyMarkdown(view)]);
  let pdf: Buffer | undefined;
  if (options.pdf !== false) {
    try {
      pdf = await reportPdf(content, scene, view.exportedAtDate, footer);
    } catch (err) {
      notes.push(`report.pdf was not produced: ${(err as Error).message}`);
    }
  } else notes.push('report.pdf was not requested.');
  if (scene.unlabelled > 0) notes.push(`chart.svg: ${scene.unlabelled} of ${view.nodes.length} labels left out where they would overlap.`);

  const hash = createHash('sha256');
  let size = 0;
  const zip = new CanonicalZipWriter(async (chunk) => {
    hash.update(chunk);
    size += chunk.length;
    await sink(chunk);
  }, view.exportedAtDate);
  await zip.add('report.html', () => [html]);
  if (pdf) await zip.add('report.pdf', () => [pdf]);
  await zip.add('chart.svg', () => [svg]);
  await zip.add('entities.csv', () => entityCsv(view));
  await zip.add('links.csv', () => linkCsv(view));
  await zip.add('graph.graphml', () => graphml(view, positions));
  await zip.add('methodology.md', () => [methodology]);
  const manifest = buildManifest(view, zip.written, notes);
  const manifestText = text(MANIFEST_NAME, [serializeManifest(manifest)]);
  await zip.add(MANIFEST_NAME, () => [manifestText]);
  await zip.finish();
  return { manifest, sha256: hash.digest('hex'), size };
}

/** Builds the package in memory. */
export async function buildCourtPackage(input: CourtPackageInput, options: BuildOptions = {}): Promise<CourtPackage> {
  const chunks: Buffer[] = [];
  const { manifest, sha256 } = await emitCourtPackage(input, (c) => { chunks.push(c); }, options);
  return { bytes: Buffer.concat(chunks), sha256, manifest };
}

/** Streams the package to `path` (written to `<path>.partial`, renamed when complete; removed on failure). */
export async function writeCourtPackage(input: CourtPackageInput, path: string, options: BuildOptions = {}): Promise<WrittenCourtPackage> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  try {
    await once(out, 'open');
    const result = await emitCourtPackage(input, async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    }, options);
    out.end();
    await once(out, 'finish');
    await rename(partial, path);
    return { path, size: result.size, sha256: result.sha256, manifest: result.manifest };
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    if (err instanceof RinglinkError) throw err;
    throw new RinglinkError('INTERNAL', `export: could not write ${path}: ${(err as Error).message}`, { cause: err });
  }
}
