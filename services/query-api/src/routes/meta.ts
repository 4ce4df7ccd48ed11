/** The API describing itself: the OpenAPI 3.1 document and a docs page rendered from it. */
import { defineOperation, type Operation } from '../http/operation.js';
import { DOCS_CSP, renderDocsPage } from '../openapi/docs-page.js';

export function metaOperations(document: () => Record<string, unknown>): Operation[] {
  let html: string | undefined;
  return [
    defineOperation({
      operationId: 'getOpenApiDocument',
      method: 'get',
      path: '/openapi.json',
      tag: 'service',
      summary: 'This API as an OpenAPI 3.1 document',
      description: 'Generated from the zod schemas that validate the requests.',
      role: 'analyst',
      responses: { 200: { description: 'The OpenAPI document.' } },
      handler: async () => ({ body: document() }),
    }),
    defineOperation({
      operationId: 'getDocs',
      method: 'get',
      path: '/docs',
      tag: 'service',
      summary: 'This API as a readable page (self-contained HTML)',
      role: 'analyst',
      responses: { 200: { description: 'The docs page.', contentType: 'text/html' } },
      handler: async () => {
        html ??= renderDocsPage(document());
        return { body: html, contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': DOCS_CSP } };
      },
    }),
  ];
}
