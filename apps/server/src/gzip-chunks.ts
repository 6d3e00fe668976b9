// A gzip body assembled from separately compressed pieces. Each piece is deflated on its own and
// ends on a full flush (byte-aligned, no back-references across it), so compressed pieces can be
// kept and concatenated: when one task of a 10,000-task board changes, only its piece is compressed
// again, and the gzip trailer's CRC-32 is computed over the plain bytes (fast) rather than
// compressing 13 MB anew.
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** Compresses one piece so it can sit anywhere inside a larger deflate stream. */
export const deflatePiece = (text: Buffer): Buffer => deflateRawSync(text, { level: 6, finishFlush: constants.Z_FULL_FLUSH });

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);
/** The deflate stream's last block: empty, final. */
const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0));

export interface Piece {
  plain: Buffer;
  deflated: Buffer;
}

export const piece = (text: string | Buffer): Piece => {
  const plain = typeof text === 'string' ? Buffer.from(text) : text;
  return { plain, deflated: deflatePiece(plain) };
};

/**
 * The gzip body and the identity body of pieces in order. The identity body is joined when first
 * read: browsers ask for gzip, and joining megabytes for every revision would cost a copy unused.
 */
export function assemble(pieces: readonly Piece[]): { readonly json: Buffer; gzip: Buffer } {
  let crc = 0;
  let size = 0;
  for (const p of pieces) {
    crc = crc32(p.plain, crc);
    size += p.plain.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  let json: Buffer | undefined;
  return {
    get json() {
      return (json ??= Buffer.concat(pieces.map((p) => p.plain), size));
    },
    gzip: Buffer.concat([GZIP_HEADER, ...pieces.map((p) => p.deflated), FINAL_BLOCK, trailer]),
  };
}
