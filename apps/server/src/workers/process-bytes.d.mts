// Types of process-bytes.mjs (plain JavaScript, loaded by a plugin's process before any TypeScript loader).
import type { Readable, Writable } from 'node:stream';

/** Byte arrays sent as one: the other side gets a single Uint8Array of them all. */
export class JoinedBytes {
  constructor(runs: Uint8Array[]);
  readonly runs: Uint8Array[];
  readonly byteLength: number;
}
/** A value with its large byte arrays (and every JoinedBytes) taken out (marked), and those arrays in order. */
export function takeBytes<T>(value: T): { value: unknown; bytes: Array<Uint8Array | JoinedBytes> };
/** The value `takeBytes` was given, with the bytes put back. */
export function putBytes(value: unknown, bytes: Uint8Array[]): unknown;
export function writeBytes(stream: Writable, bytes: Array<Uint8Array | JoinedBytes>): Promise<void>;
export class ByteReader {
  constructor(stream: Readable);
  read(lengths: number[]): Promise<Uint8Array[]>;
}
