/**
 * Webhook signatures: HMAC-SHA256 with the webhook's secret over
 * `<timestamp>.<raw body>`, where the timestamp is the value of the
 * `X-Ringlink-Timestamp` header (Unix seconds). Signing the timestamp with
 * the body lets a receiver refuse replays of an old delivery; the body is
 * the exact bytes sent, so a receiver must verify before parsing.
 *
 *   X-Ringlink-Signature: sha256=<64 hex>
 *   X-Ringlink-Timestamp: 1767225600
 *   Idempotency-Key: whd-<32 hex>           the same on every attempt of one alert to one webhook
 *
 * `verifyWebhookSignature` is what a receiver written in TypeScript runs;
 * the README gives the recipe for other languages.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_HEADERS = Object.freeze({
  signature: 'X-Ringlink-Signature',
  timestamp: 'X-Ringlink-Timestamp',
  idempotencyKey: 'Idempotency-Key',
  event: 'X-Ringlink-Event',
  delivery: 'X-Ringlink-Delivery',
  attempt: 'X-Ringlink-Attempt',
});

/** Receivers should refuse deliveries whose timestamp is further than this from their clock (seconds). */
export const SIGNATURE_TOLERANCE_S = 300;

export function signWebhook(secret: string, timestamp: number | string, body: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`, 'utf8');
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

export interface VerifyInput {
  secret: string;
  /** The raw body, as received (before any JSON parsing). */
  body: string | Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  /** Receiver's clock, Unix seconds (default now). */
  now?: number;
  toleranceS?: number;
}

/** True when the signature is ours and fresh. Constant-time comparison. */
export function verifyWebhookSignature(input: VerifyInput): boolean {
  const { signature, timestamp } = input;
  if (signature === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (input.toleranceS ?? SIGNATURE_TOLERANCE_S)) return false;
  const expected = Buffer.from(signWebhook(input.secret, timestamp, input.body), 'utf8');
  const given = Buffer.from(signature.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
