/**
 * One declaration per endpoint, three doors: the same object mounts the
 * express route (auth, role, rate limit, body limit, zod validation,
 * deadline), registers the OpenAPI operation, and lists it on the docs
 * page. A request parameter that is not in the declaration does not exist.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Principal } from '../api-keys.js';
import type { Role } from '../roles.js';

export type HttpMethod = 'get' | 'post' | 'delete';

export interface Deadline {
  /** Milliseconds left before the request deadline. */
  remaining(): number;
  /** Timeout for one store read: the query timeout, or less when the deadline is nearer. */
  queryTimeout(): number;
}

export interface OperationContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Raw body of endpoints that take CSV or NDJSON. */
  rawBody: Buffer | undefined;
  principal: Principal | undefined;
  deadline: Deadline;
  req: Request;
  res: Response;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Default application/json. Anything else is sent as a string or Buffer as it is. */
  contentType?: string;
}

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export interface RawBodySpec {
  /** Accepted media types (first is the documented default). */
  contentTypes: string[];
  description: string;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface OperationSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path below /api/v1, e.g. `/entities/{id}`. A public contract. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** The least role that may call it; null: no key needed (health only). */
  role: Role | null;
  params?: P;
  query?: Q;
  /** A JSON body, validated. */
  body?: B;
  /** A raw body (CSV, NDJSON) with the ingest size limit. */
  rawBody?: RawBodySpec;
  /** Deadline class: query reads (default), ingest (longer), or none. */
  deadline?: 'query' | 'ingest';
  responses: Record<number, ResponseSpec>;
  /** Recorded in the audit log (default true). */
  audit?: boolean;
  handler: (ctx: OperationContext<Out<P>, Out<Q>, Out<B>>) => Promise<Reply>;
}

/** An operation with its types erased, as the router and the OpenAPI builder see it. */
export interface Operation {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  tag: string;
  role: Role | null;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  rawBody?: RawBodySpec;
  deadline?: 'query' | 'ingest';
  responses: Record<number, ResponseSpec>;
  audit?: boolean;
  handler: (ctx: OperationContext<unknown, unknown, unknown>) => Promise<Reply>;
}

export function defineOperation<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: OperationSpec<P, Q, B>): Operation {
  return spec as unknown as Operation;
}

/** `/entities/{id}` → `/entities/:id` (express 5 syntax). */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, ':$1');
}
