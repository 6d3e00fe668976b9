// A gzip body assembled from separately compressed pieces. Each piece is deflated on its own and
// ends on a full flush (byte-aligned, no back-references across it), so compressed pieces can be
// kept and concatenated: when one task of a 10,000-task board changes, only its piece is compressed
// again. A piece keeps only its compressed bytes and the CRC-32 and length of its plain bytes: the
// gzip trailer's CRC-32 of the whole is combined from the pieces' (`crc32Combine`), so the plain
// text of a board (4.7 MB at 10,000 tasks) is not held beside the 0.4 MB that is sent.
import { constants, crc32, deflateRawSync, gunzipSync } from 'node:zlib';

/**
 * Compresses one piece so it can sit anywhere inside a larger deflate stream. Copied out of zlib's
 * output buffer, which is 16 KB whatever the piece's size: a kept piece of 50 bytes held all 16 KB.
 */
export const deflatePiece = (text: Buffer): Buffer => {
  const out = deflateRawSync(text, { level: 6, finishFlush: constants.Z_FULL_FLUSH });
  return out.byteLength === out.buffer.byteLength ? out : Buffer.from(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
};

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);
/** The deflate stream's last block: empty, final. */
const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0));

// CRC-32 of a concatenation from the CRC-32s of its parts: the polynomial arithmetic of zlib's
// crc32_combine (the reflected polynomial; x^0 is the top bit). Node exposes zlib's crc32 but not this.
const POLY = 0xedb88320;
/** a(x)·b(x) mod p(x). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}
/** X_2N[k] = x^(2^k) mod p(x). */
const X_2N = new Uint32Array(32);
X_2N[0] = 0x40000000; // x^1
for (let k = 1; k < 32; k++) X_2N[k] = multModP(X_2N[k - 1]!, X_2N[k - 1]!);
/** x^(n·2^k) mod p(x). */
function xPowModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  for (; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multModP(X_2N[k % 32]!, p);
  return p;
}

/** The CRC-32 of A followed by B, from CRC-32(A), CRC-32(B) and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(xPowModP(lengthB, 3), crcA) ^ crcB) >>> 0;
}

export interface Piece {
  /** Deflated, ending on a full flush. */
  deflated: Buffer;
  /** CRC-32 and length of the plain bytes. */
  crc: number;
  length: number;
}

export const piece = (text: string | Buffer): Piece => {
  const plain = typeof text === 'string' ? Buffer.from(text) : text;
  return { deflated: deflatePiece(plain), crc: crc32(plain), length: plain.length };
};

/**
 * The gzip body of pieces in order, and the identity body, inflated from it when first read and kept
 * with it: browsers ask for gzip, so the plain bytes are neither joined nor kept for them, and a client
 * that asks for identity pays the inflation once per body, not per request.
 */
export function assemble(pieces: readonly Piece[]): { readonly json: Buffer; gzip: Buffer } {
  let crc = 0;
  let size = 0;
  for (const p of pieces) {
    crc = crc32Combine(crc, p.crc, p.length);
    size += p.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  const gzip = Buffer.concat([GZIP_HEADER, ...pieces.map((p) => p.deflated), FINAL_BLOCK, trailer]);
  let json: Buffer | undefined;
  return {
    get json() {
      return (json ??= gunzipSync(gzip));
    },
    gzip,
  };
}
