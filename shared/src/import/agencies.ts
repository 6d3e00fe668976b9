// Agency cells: split a printed cell into single agencies and match each against a
// province's directory (canonical name + aliases), keeping unknown ones and saying so.
import type { Agency } from '../model.ts';
import { fold } from '../fold.ts';

export interface AgencyMatch {
  /** The agency as printed, cleaned. */
  printed: string;
  /** Canonical name from the directory, or the printed text when unknown. */
  name: string;
  known: boolean;
  collective: boolean;
}

/** Words that make an entry a group of agencies rather than one named agency. */
const COLLECTIVE = /^(cac|cac co quan|tat ca)\b|\b(lien quan|co lien quan|dia phuong|cac so|cac dia phuong)\b|^(so|ban|nganh|don vi)( |$).*\b(nganh|dia phuong|cap tinh)\b/;

/** Is this printed agency a collective ("Các sở, ban, ngành", "các địa phương")? */
export function isCollective(printed: string): boolean {
  return COLLECTIVE.test(fold(printed));
}

/**
 * Split an agency cell. Commas separate agencies, except inside collectives like
 * "Các Sở, ban, ngành" and "Sở Văn hóa, Thể thao và Du lịch", whose later parts are not
 * agencies on their own: a part is glued back to the previous one when it does not start
 * like an agency name (lower-case word such as "ban", "ngành", "địa phương", "đơn vị").
 */
export function splitAgencies(cell: string): string[] {
  const pieces = cell
    .split(/\n|;|(?:^|\s)-\s+/)
    .map((p) => p.trim().replace(/^-\s*/, ''))
    .filter((p) => p !== '');
  const out: string[] = [];
  for (const piece of pieces) {
    const parts = splitOutsideParens(piece).map((p) => p.trim()).filter((p) => p !== '');
    let current = '';
    for (const part of parts) {
      if (current !== '' && continuesPrevious(current, part)) current += ', ' + part;
      else {
        if (current !== '') out.push(current);
        current = part;
      }
    }
    if (current !== '') out.push(current);
  }
  return out.map((a) => a.replace(/^(và|cùng)\s+/i, '').replace(/[.;,]+$/, '').trim()).filter((a) => a !== '');
}

/** Commas inside "(Viettel, VNPT,...)" belong to the agency before the bracket. */
function splitOutsideParens(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Lower-case words that open a new agency entry rather than continue one. */
const OPENS_ENTRY = /^(các|cơ quan|ubnd|ủy ban|uỷ ban|sở|văn phòng|công an|trung tâm|đơn vị chủ quản)\b/u;

function continuesPrevious(previous: string, part: string): boolean {
  const first = part.charAt(0);
  const lowerStart = first !== first.toUpperCase();
  if (lowerStart) {
    if (!OPENS_ENTRY.test(part)) return true;
    // "Các cơ quan, đơn vị có liên quan": still one collective.
    return /^các\s+\S+$/iu.test(previous) && /^(đơn vị|cơ quan)\b/u.test(part);
  }
  // "Sở Văn hóa, Thể thao và Du lịch" and "Các Sở, Ban, Ngành": capitalised parts that are no agency alone.
  if (fold(previous) === 'so van hoa' && fold(part).startsWith('the thao')) return true;
  return isCollective(previous) && /^(ban|ngành|địa phương|đơn vị)$/iu.test(part);
}

/** A directory prepared for matching: folded names and aliases → canonical agency. */
export interface AgencyIndex {
  byKey: Map<string, Agency>;
}

/** Fold for matching: also drops "tỉnh" suffix noise and the spelling "uỷ"/"ủy". */
function agencyKey(name: string): string {
  return fold(name.replace(/&/g, ' va ')).replace(/\bva\b/g, ' ').replace(/\s+/g, ' ').trim();
}

export function indexAgencies(directory: readonly Agency[]): AgencyIndex {
  const byKey = new Map<string, Agency>();
  for (const agency of directory) {
    for (const n of [agency.name, ...agency.aliases]) byKey.set(agencyKey(n), agency);
  }
  return { byKey };
}

/** Match one printed agency against the directory. */
export function matchAgency(printed: string, index: AgencyIndex): AgencyMatch {
  const agency = index.byKey.get(agencyKey(printed));
  if (agency) return { printed, name: agency.name, known: true, collective: agency.collective };
  return { printed, name: printed, known: false, collective: isCollective(printed) };
}

/** Capitalised words that begin an agency's name, where two names printed without a separator meet. */
const NAME_START = /\s(?=(?:UBND|Ủy ban|Uỷ ban|Sở|Công an|Văn phòng|Ban|Trung tâm|Bộ Chỉ huy|Đài|Bảo hiểm)\s)/gu;

/**
 * Match a printed agency, and when the whole is unknown try it as several known names printed
 * without a separator ("UBND cấp huyện UBND cấp xã"). Only a split whose every part is in the
 * directory is taken, so a real unknown name ("Văn phòng UBND xã X") is kept whole and flagged.
 */
export function matchAgencies(printed: string, index: AgencyIndex): AgencyMatch[] {
  const whole = matchAgency(printed, index);
  if (whole.known) return [whole];
  for (const m of printed.matchAll(NAME_START)) {
    const head = matchAgency(printed.slice(0, m.index).trim(), index);
    if (!head.known) continue;
    const rest = matchAgencies(printed.slice(m.index).trim(), index);
    if (rest.every((r) => r.known)) return [head, ...rest];
  }
  return [whole];
}
