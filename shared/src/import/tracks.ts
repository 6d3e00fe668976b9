// Which track a table or section belongs to, guessed from its title or caption by the
// keywords of DOMAIN.md's track table.
import type { TrackId } from '../model.ts';
import { BUILTIN_TRACKS } from '../vocabulary.ts';
import { fold } from '../fold.ts';

const KEYWORDS: Array<[TrackId, RegExp]> = [
  ['de-an-06', /\bde an 06\b|\bda 06\b|\bvneid\b/],
  ['cchc', /\bcai cach hanh chinh\b|\bcchc\b/],
  ['khcn-cds', /\bkhoa hoc\b|\bcong nghe\b|\bchuyen doi so\b|\bdoi moi sang tao\b|\bkhcn\b|\bcds\b|\b57 nq\b/],
];

/**
 * The one track a title names, or undefined when it names none or several (the Steering
 * Committee's own headings list all three: "… chuyển đổi số và Đề án 06").
 */
export function guessTrack(text: string): TrackId | undefined {
  const t = fold(text);
  const named = KEYWORDS.filter(([, re]) => re.test(t)).map(([id]) => id);
  return named.length === 1 ? named[0] : undefined;
}

/**
 * Track of a section heading: only the named tracks override the table's, so a section
 * that merely mentions technology stays on its appendix's track.
 */
export function guessSectionTrack(title: string): TrackId | undefined {
  const track = guessTrack(title);
  return track === 'khcn-cds' ? undefined : track;
}

/**
 * The track a "Lĩnh vực" cell names: a track's label or id as dondoc's CSV export writes it
 * ("KHCN/CĐS", "cchc"), else the one track its words name; undefined when it names none.
 */
export function trackFromCell(text: string, tracks: ReadonlyArray<{ id: TrackId; label: string }> = BUILTIN_TRACKS): TrackId | undefined {
  const t = fold(text);
  if (t === '') return undefined;
  const exact = [...tracks, ...BUILTIN_TRACKS].find((tr) => fold(tr.label) === t || tr.id === text.trim());
  return exact?.id ?? guessTrack(text);
}
