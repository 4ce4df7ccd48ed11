/** What the service offers beyond the graph reads, read from its OpenAPI document (no DOM). */
import { API } from './client-paths.js';

export interface ExportCapability {
  path: string;
  /** Builds the request body for one ring. */
  body(ringId: string): Record<string, unknown>;
}

export interface OpenApiDoc {
  paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: SchemaRef }> } }>>;
  components?: { schemas?: Record<string, SchemaRef> };
}

interface SchemaRef {
  $ref?: string;
  properties?: Record<string, unknown>;
}

/** Whether the service offers court exports (POST /exports), and how to ask for one ring's. */
export function exportCapabilityFrom(doc: OpenApiDoc): ExportCapability | undefined {
  const post = doc.paths?.['/exports']?.post ?? doc.paths?.['/api/v1/exports']?.post;
  if (post === undefined) return undefined;
  let schema = post.requestBody?.content?.['application/json']?.schema;
  if (schema?.$ref) schema = doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''];
  const props = Object.keys(schema?.properties ?? {});
  const path = `${API}/exports`;
  if (props.includes('ringId')) return { path, body: (id) => ({ ringId: id }) };
  if (props.includes('rings')) return { path, body: (id) => ({ rings: [id] }) };
  return { path, body: (id) => ({ ring: id }) };
}

