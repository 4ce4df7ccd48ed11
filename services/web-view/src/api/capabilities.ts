/** What the service offers beyond the graph reads, read from its OpenAPI document (no DOM). */
import { API } from './client-paths.js';

export interface ExportOptions {
  caseRef: string;
  redact: boolean;
}

export interface ExportCapability {
  path: string;
  /** The request body (ExportRequest) for one ring's court package. */
  body(ringId: string, options: ExportOptions): Record<string, unknown>;
}

export interface OpenApiDoc {
  paths?: Record<string, Record<string, unknown>>;
}

/** Whether the service offers court exports (POST /api/v1/exports). */
export function exportCapabilityFrom(doc: OpenApiDoc): ExportCapability | undefined {
  if (doc.paths?.[`${API}/exports`]?.post === undefined) return undefined;
  return { path: `${API}/exports`, body: (ring, o) => ({ ring, caseRef: o.caseRef, redact: o.redact }) };
}
