// The people an import names as owners ("Người phụ trách") and whom the server knows: one warning
// for the whole import naming those it does not know, shared by the importer and the preview's edits.
import type { ImportWarning } from '../model.ts';
import { fold } from '../fold.ts';

/** How many names the warning spells out; the rest are counted. */
const NAMES_SHOWN = 8;

/**
 * One warning naming the owners who are not among `people` (folded: case, diacritics and spacing do
 * not make another person), with how many tasks each holds, or undefined when every owner is known.
 * An owner is the named person in charge, not an account: nothing on the board depends on a match,
 * so one line says who is not known, rather than one per name or per row. Without a list of people
 * (undefined, or empty) nothing can be told and nothing is said.
 */
export function unknownOwnersWarning(owners: Iterable<string | undefined>, people: readonly string[] | undefined): ImportWarning | undefined {
  if (!people || people.length === 0) return undefined;
  const known = new Set(people.map((n) => fold(n)));
  const strangers = new Map<string, number>();
  for (const owner of owners) {
    const name = owner?.trim() ?? '';
    if (name === '' || known.has(fold(name))) continue;
    strangers.set(name, (strangers.get(name) ?? 0) + 1);
  }
  if (strangers.size === 0) return undefined;
  const tasks = [...strangers.values()].reduce((a, b) => a + b, 0);
  const named = [...strangers].slice(0, NAMES_SHOWN).map(([name, n]) => (n > 1 ? `${name} (${n} nhiệm vụ)` : name));
  const more = strangers.size > NAMES_SHOWN ? ` và ${strangers.size - NAMES_SHOWN} người khác` : '';
  return {
    code: 'unknown-person',
    message: `${strangers.size} người phụ trách (${tasks} nhiệm vụ) không có trong danh sách người dùng: ${named.join(', ')}${more}; tên được giữ như ghi.`,
    field: 'owner',
  };
}
