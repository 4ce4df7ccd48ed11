/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum ZIP
 * stores for every entry (APPNOTE.TXT 4.4.7). Table-driven, incremental:
 * `crc32(b, crc32(a))` equals `crc32(a ‖ b)`. Written out rather than taken
 * from `zlib.crc32` so it runs on every Node 20 release.
 */

const TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of `data`, continuing from `previous` (the CRC of the bytes before it; 0 to start). */
export function crc32(data: Uint8Array, previous = 0): number {
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
