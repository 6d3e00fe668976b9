// The audit trail's canonical JSON: keys sorted by UTF-16 code units at every level, numbers and strings
// as JSON.stringify writes them — RFC 8785's text for JSON data. Written by safe-stable-stringify, ~3×
// faster than `canonicalize` on a move's entry (every move encodes one). One difference, on purpose: a
// string holding a lone surrogate (which JSON.parse makes from "\ud800", and RFC 8785 refuses) is written
// escaped, as JSON.stringify does, instead of throwing — a refused encoding stopped the whole store.
import { configure } from 'safe-stable-stringify';

const stringify = configure({ deterministic: true, circularValue: Error, bigint: false });

/** The canonical text of a JSON value; throws for a value with none (undefined, a function). */
export function canonicalJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new Error('audit: value has no canonical JSON');
  return text;
}
