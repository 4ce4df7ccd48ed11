/**
 * API key check in constant time. Every configured key is stored as its
 * SHA-256; a presented key is hashed once and compared with every stored
 * digest by `timingSafeEqual`, without stopping at the first match, so the
 * time taken says nothing about which key (or how much of one) matched.
 * Hashing first also hides the keys' lengths.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ConfiguredKey } from './config.js';
import type { Role } from './roles.js';

export interface Principal {
  keyId: string;
  role: Role;
}

export class ApiKeyring {
  private readonly keys: ReadonlyArray<{ id: string; role: Role; digest: Buffer }>;

  constructor(keys: readonly ConfiguredKey[]) {
    this.keys = keys.map((k) => ({ id: k.id, role: k.role, digest: Buffer.from(k.sha256, 'hex') }));
  }

  authenticate(presented: string): Principal | undefined {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let found: Principal | undefined;
    for (const k of this.keys) {
      if (timingSafeEqual(digest, k.digest) && found === undefined) found = { keyId: k.id, role: k.role };
    }
    return found;
  }
}

/** The key of an `Authorization: Bearer <key>` header; undefined when the header is missing or of another scheme. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i.exec(header);
  return m?.[1];
}
