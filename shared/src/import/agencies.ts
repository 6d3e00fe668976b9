// Agency cells: split a printed cell into single agencies (on ",", ";", line breaks, "- ", "và" and a
// "/" between two agency names), drop the role printed beside a name ("(chủ trì)"),
// normalise collectives to one spelling per meaning, and match each agency against a province's
// directory (canonical name + aliases, and abbreviations of either); unknown ones are kept and
// said so, and a cell that holds a sentence yields only the agency it names.
import type { Agency } from '../model.ts';
import { fold } from '../fold.ts';

export interface AgencyMatch {
  /** The agency as printed, cleaned. */
  printed: string;
  /** Canonical name from the directory, the normalised spelling of a collective, or the printed text when unknown. */
  name: string;
  known: boolean;
  collective: boolean;
}

/** Words that make an entry a group of agencies rather than one named agency. */
const COLLECTIVE = [
  /^(?:cac|tat ca|toan bo|moi)\b/,
  /\b(?:lien quan|dia phuong)\b/,
  /^(?:so|co quan|don vi) ban nganh\b/,
  /^(?:so|ban|nganh|don vi|co quan)\b.*\b(?:nganh|cap tinh|cap huyen|cap xa)\b/,
  /^(?:ubnd|uy ban nhan dan) (?:cac|cap)\b/,
  /^(?:dia phuong|don vi|co quan)(?: lien quan)?$/,
];

/** Is this printed agency a collective ("Các sở, ban, ngành", "các địa phương", "UBND cấp xã")? */
export function isCollective(printed: string): boolean {
  const f = fold(printed);
  return COLLECTIVE.some((re) => re.test(f));
}

/** Generic words of collectives, printed in lower case in the normalised spelling. */
const GENERIC = /^(?:sở|ban|ngành|đơn vị|cơ quan|địa phương|phòng|doanh nghiệp|tổ chức|cơ sở|ngân hàng|huyện|xã|phường)$/iu;

/**
 * One spelling per meaning for a collective: "Các đơn vị có liên quan", "các đơn vị liên quan"
 * and "Đơn vị có liên quan" all become "Các đơn vị liên quan"; "Các, sở, ngành" "Các sở, ngành".
 * Names inside ("(Viettel, VNPT)", "Lào Cai") keep their case.
 */
export function collectiveName(printed: string): string {
  let s = printed.replace(/\s+/g, ' ').trim().replace(/^(?:và|cùng)\s+/iu, '');
  s = s.replace(/\bcó liên quan\b/giu, 'liên quan').replace(/^(các)\s*,\s*/iu, '$1 ');
  const f = fold(s);
  // "Đơn vị liên quan", "sở, ban, ngành cấp tỉnh": a bare generic word opens a collective; say "Các".
  if (!/^(?:cac|tat ca|toan bo|moi|ubnd|uy ban)\b/.test(f) && /^(?:so|ban|nganh|don vi|co quan|dia phuong)\b/.test(f)) s = `các ${s}`;
  s = s
    .split(' ')
    .map((w, k) => (k > 0 && GENERIC.test(w.replace(/[,;]$/, '')) ? w.toLowerCase() : w))
    .join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Lower-case words that open a new agency entry rather than continue one. */
const OPENS_ENTRY = /^(?:các|cơ quan|ubnd|ủy ban|uỷ ban|sở|văn phòng|công an|trung tâm|đơn vị chủ quản)\b/u;
/**
 * Words an agency's name begins with ("Sở …", "Công an …", "Kho bạc …"): what makes the text after
 * "và" or "/" a second agency rather than the rest of one name. Each is a whole word or words, so
 * "Ban" is not "Bản", "Báo" not "báo cáo" and "Sở" not "sở hữu".
 */
const AGENCY_HEADS = [
  'các', 'cơ quan', 'đơn vị', 'ubnd', 'ủy ban', 'uỷ ban', 'hđnd', 'sở', 'văn phòng', 'công an', 'trung tâm', 'ban', 'bộ',
  'chi cục', 'cục', 'phòng', 'đài', 'báo', 'bảo hiểm', 'kho bạc', 'ngân hàng', 'hội', 'liên đoàn', 'liên minh', 'tỉnh đoàn',
  'tỉnh ủy', 'tỉnh uỷ', 'đảng ủy', 'đảng uỷ', 'mặt trận', 'thanh tra', 'viện', 'tòa án', 'toà án', 'trường', 'đại học',
  'doanh nghiệp', 'thuế', 'thống kê', 'chi nhánh', 'bưu điện', 'quỹ', 'bệnh viện', 'viễn thông',
  // Short forms plans print for a head and its name.
  'vp', 'bch', 'bhxh', 'kbnn', 'nhnn', 'tand', 'vksnd',
];
const HEADS = AGENCY_HEADS.join('|');
/** Does the text begin with an agency head word ("Sở …", "Kho bạc …")? */
export const startsLikeAgency = (text: string): boolean => new RegExp(`^(?:${HEADS})(?=\\s|$)`, 'iu').test(text.trim());
/** After "và", these begin another agency ("Sở Y tế và các đơn vị liên quan"); "và Công nghệ" does not. */
const AFTER_AND = new RegExp(`^(?:${HEADS})(?=[\\s,;()]|$)`, 'iu');
/**
 * Both sides of a "/" that separates two agencies begin with a head word: "Sở Nội vụ/Sở Tư pháp"
 * splits, while "UBND xã/phường", "huyện/thị xã" and "Phòng Kinh tế/Kinh tế - Hạ tầng" are one name.
 */
const SLASH_SPLIT = new RegExp(`\\s*/\\s*(?=(?:${HEADS})(?:[\\s,;(]|$))`, 'giu');
/**
 * A dash printed between two agencies ("Sở Nội vụ - Sở Tư pháp") separates them when an agency's name
 * follows it; inside a name ("Sở Lao động - Thương binh và Xã hội", "Phòng Kinh tế - Hạ tầng") it does not.
 * A dash that opens a line is a list's bullet.
 */
const DASH_SPLIT = new RegExp(`\\s+[-–]\\s+(?=(?:${HEADS})(?:[\\s,;(]|$))`, 'giu');

/**
 * What an agency does in the task, printed beside its name: "Sở Nội vụ (chủ trì)", "Sở Tư pháp
 * (phối hợp)", "Sở Nội vụ chủ trì, tham mưu", "Chủ trì: Sở Nội vụ". The role is not part of the
 * name, so it is dropped before the name is matched; it says which column the agency belongs in
 * (`AgencyRole`), which may not be the column it was printed in.
 */
const roleWords = (words: string): string => `(?:(?:là\\s+)?(?:cơ quan|đơn vị)\\s+|là\\s+)?(?:${words})(?:\\s+thực hiện)?`;
const rolesOf = (role: string): string => `${role}(?:\\s*(?:,|;|/|và|-)\\s*${role})*`;
/** In brackets, before a colon or alone, any role word, in any case: "(Chủ trì)", "Phối hợp:". */
const ROLES = rolesOf(roleWords('chủ trì|phối hợp|tham mưu|thường trực|đầu mối|phụ trách|tổng hợp'));
/**
 * After the name, only the verbs of a role, in lower case: "Phòng Tổng hợp" and "Cơ quan thường
 * trực …" are names, and a capitalised word after a name is part of it.
 */
const ROLES_AFTER = rolesOf(roleWords('chủ trì|phối hợp|tham mưu|đầu mối'));
const ROLE_IN_BRACKETS = new RegExp(`\\s*\\(\\s*${ROLES}\\s*\\)`, 'giu');
// "… được giao chủ trì" assigns the role in a sentence: that entry is kept as printed, and read as one.
const ROLE_AFTER = new RegExp(`(?<!(?:^|\\s)giao)(?:\\s*[,:-])?\\s+${ROLES_AFTER}\\s*$`, 'u');
const ROLE_BEFORE = new RegExp(`^${ROLES}\\s*:\\s*`, 'iu');
/** "Chủ trì Sở Nội vụ", "phối hợp với Công an tỉnh": the two verbs of a column, before an agency's head word, with no colon. */
const VERB_BEFORE_NAME = `(?:chủ trì|phối hợp)(?:\\s+(?:với|cùng))?\\s+(?=(?:${HEADS})(?:\\s|$))`;
/** A role heading what follows it: "Phối hợp:", "(Phối hợp)" or "Phối hợp" before a name. */
const ROLE_HEAD = new RegExp(`^(?:${ROLES}\\s*:\\s*|\\(\\s*${ROLES}\\s*\\)\\s*|${VERB_BEFORE_NAME})`, 'iu');
const ROLE_ONLY = new RegExp(`^${ROLES}$`, 'iu');
/**
 * A role that heads a list after a comma ("Chủ trì: Sở Nội vụ, Phối hợp: Sở Tư pháp", "Sở Nội vụ chủ
 * trì, phối hợp với Sở Tư pháp", "…, (phối hợp) Sở Tư pháp") starts a list of its own, as ";" does.
 */
const LIST_AFTER_COMMA = new RegExp(`,\\s*(?=${ROLES}\\s*:|\\(\\s*${ROLES}\\s*\\)|${VERB_BEFORE_NAME})`, 'iu');

/** Which column an agency belongs in, by the role printed beside it: the lead's (chủ trì) or a partner's (phối hợp). */
export type AgencyRole = 'lead' | 'partner';

/**
 * The column a printed role names: "chủ trì", "tham mưu", "đầu mối" and "phụ trách" the lead's,
 * "phối hợp" a partner's. "Thường trực" and "tổng hợp" say what an agency does besides, not where it
 * belongs, and a role naming both ("chủ trì, phối hợp") names neither: null, the agency stays in
 * the column it was printed in.
 */
function roleNamed(printed: string): AgencyRole | null {
  const f = fold(printed);
  const partner = /\bphoi hop\b/.test(f);
  const lead = /\b(?:chu tri|tham muu|dau moi|phu trach)\b/.test(f);
  return partner === lead ? null : partner ? 'partner' : 'lead';
}

/** An entry and the role printed on it; `mark` is null for a role word that names no column, absent for none. */
interface RoleRead {
  text: string;
  mark?: AgencyRole | null;
}

/** "Sở Nội vụ (chủ trì)" → "Sở Nội vụ", marked lead; an entry without a role word comes back as it is. */
function readRole(entry: string): RoleRead {
  const printed: string[] = [];
  let s = entry.replace(ROLE_IN_BRACKETS, (m) => {
    printed.push(m);
    return '';
  });
  const before = ROLE_BEFORE.exec(s);
  if (before) {
    printed.push(before[0]);
    s = s.slice(before[0].length);
  }
  s = s.trim();
  // Only when a name remains before it: a lone "Chủ trì" is no agency.
  const after = ROLE_AFTER.exec(s);
  if (after && after.index > 0) {
    printed.push(after[0]);
    s = s.slice(0, after.index).trim();
  }
  return printed.length > 0 ? { text: s, mark: roleNamed(printed.join(' ')) } : { text: s };
}

/** "Sở Nội vụ (chủ trì)" → "Sở Nội vụ"; a name without a role word is returned as it is. */
export function withoutRole(entry: string): string {
  return readRole(entry).text;
}

/** An agency as printed in a cell (role dropped) and the column its role puts it in, when one is printed. */
export interface RoledAgency {
  text: string;
  role?: AgencyRole;
}

/**
 * A cell read as a sequence: agencies, and role words standing on their own ("Phối hợp:" before a
 * list, "(phối hợp)" after one). `list` counts the lists of the cell (a part between ";" or line
 * breaks, or a part a role heads after a comma), `line` its lines.
 */
type Token =
  | { kind: 'agency'; text: string; list: number; line: number; mark?: AgencyRole | null }
  /** `heads`: printed to head what follows ("Phối hợp:", "(Phối hợp) Sở …", "phối hợp với Sở …"), not a role word between commas. */
  | { kind: 'role'; role: AgencyRole | null; list: number; line: number; heads: boolean };

/**
 * Split an agency cell. Commas separate agencies, except inside collectives like
 * "Các Sở, ban, ngành" and "Sở Văn hóa, Thể thao và Du lịch", whose later parts are not
 * agencies on their own: a part is glued back to the previous one when it does not start
 * like an agency name (lower-case word such as "ban", "ngành", "địa phương", "đơn vị").
 * "và" separates two agencies when what follows it begins like one ("Sở Y tế và các đơn vị
 * liên quan"); inside a name ("Sở Khoa học và Công nghệ") it does not.
 */
export function splitAgencies(cell: string): string[] {
  return splitAgencyRoles(cell).map((a) => a.text);
}

/**
 * `splitAgencies`, with the column each agency's printed role puts it in. How far a role reaches
 * follows how the cell is written (our reading; DOMAIN.md lists the separators, not this):
 * - a role on the agency itself ("Sở Nội vụ (chủ trì)", "Chủ trì: Sở Nội vụ" as one entry) is its own;
 * - a role printed after a list ("Sở Tư pháp, Công an tỉnh (phối hợp)", "… phối hợp") reaches back over
 *   the agencies before it that carry no role of their own, within its list: ";" and a line break end a
 *   list, so in "Sở Nội vụ; Sở Tư pháp (phối hợp)" only Sở Tư pháp is a partner;
 * - a role before a list ("Phối hợp: Sở Tư pháp, Công an tỉnh") heads that list, up to ";" or the line's
 *   end; on a line of its own ("Phối hợp:" then one agency per line) it heads every line below up to the
 *   next role. A role moves an agency out of the column it was printed in only where it clearly
 *   reaches it: in "Chủ trì: Sở Nội vụ; các sở, ngành" under "Cơ quan phối hợp" the collective stays a partner.
 * Agencies no role reaches have none: they belong to the column they are printed in.
 */
export function splitAgencyRoles(cell: string): RoledAgency[] {
  const tokens: Token[] = [];
  let list = 0;
  let line = 0;
  for (const text of cell.split('\n')) {
    line++;
    for (const part of text.split(';').flatMap((p) => p.split(LIST_AFTER_COMMA))) {
      list++;
      const pieces = part
        .trim()
        .replace(/^[-–]\s*/, '')
        // A "/" or a dash between two agency names separates them as ";" does, before commas glue parts of one name.
        .split(DASH_SPLIT)
        .flatMap((p) => p.split(SLASH_SPLIT));
      for (const raw of pieces) {
        let piece = raw.trim().replace(/^-\s*/, '');
        const head = ROLE_HEAD.exec(piece);
        if (head) {
          tokens.push({ kind: 'role', role: roleNamed(head[0]), list, line, heads: true });
          piece = piece.slice(head[0].length);
        }
        if (piece === '') continue;
        for (const entry of entriesOf(piece)) {
          if (ROLE_ONLY.test(entry)) {
            tokens.push({ kind: 'role', role: roleNamed(entry), list, line, heads: false });
            continue;
          }
          const read = readRole(entry);
          if (read.text !== '') tokens.push({ kind: 'agency', text: read.text, list, line, ...(read.mark !== undefined ? { mark: read.mark } : {}) });
          // "(phối hợp)" printed as an entry of its own after a comma: a role word standing alone.
          else if (read.mark !== undefined) tokens.push({ kind: 'role', role: read.mark, list, line, heads: false });
        }
      }
    }
  }
  return assignRoles(tokens);
}

/** The agencies of one piece of a cell (no ";", line break, "/" or dash between agencies left): commas, then "và". */
function entriesOf(piece: string): string[] {
  const parts = splitOutsideParens(piece).map((p) => p.trim()).filter((p) => p !== '');
  const out: string[] = [];
  let current = '';
  for (const part of parts) {
    if (current !== '' && continuesPrevious(current, part)) current += ', ' + part;
    else {
      if (current !== '') out.push(current);
      current = part;
    }
  }
  if (current !== '') out.push(current);
  return out
    .flatMap(splitOnAnd)
    .map((a) => a.replace(/^(?:và|cùng)\s+/iu, '').replace(/[.;,]+$/, '').trim())
    .filter((a) => a !== '');
}

/** Which agencies each printed role reaches (see `splitAgencyRoles`). */
function assignRoles(tokens: readonly Token[]): RoledAgency[] {
  interface Placed {
    at: number;
    list: number;
    line: number;
    text: string;
    /** The role printed on the agency itself, one heading it, one printed after it. */
    mark: AgencyRole | null | undefined;
    heading?: AgencyRole | null;
    reach?: AgencyRole | null;
  }
  const agencies: Placed[] = [];
  const roles: number[] = [];
  tokens.forEach((t, at) => {
    if (t.kind === 'agency') agencies.push({ at, list: t.list, line: t.line, text: t.text, mark: t.mark });
    else roles.push(at);
  });
  const nextRole = (at: number): number => roles.find((r) => r > at) ?? tokens.length;
  const previousRole = (at: number): number => roles.findLast((r) => r < at) ?? -1;
  const marked = (a: Placed): boolean => a.mark !== undefined || a.heading !== undefined;
  /** A role printed after agencies: back from the last one before `at`, over its list's agencies with no role yet, not past the role before. */
  const reachBack = (at: number, list: number, role: AgencyRole | null): void => {
    const stop = previousRole(at);
    for (let k = agencies.findLastIndex((a) => a.at < at); k >= 0; k--) {
      const a = agencies[k]!;
      if (a.list !== list || a.at < stop || marked(a) || a.reach !== undefined) break;
      a.reach = role;
    }
  };
  const closers: Array<[at: number, list: number, role: AgencyRole | null]> = [];
  for (const at of roles) {
    const t = tokens[at]!;
    if (t.kind !== 'role') continue;
    const before = agencies.some((a) => a.list === t.list && a.at < at);
    const after = agencies.some((a) => a.list === t.list && a.at > at);
    const later = agencies.some((a) => a.at > at);
    const end = nextRole(at);
    // Before a list, that list ("Phối hợp: Sở Tư pháp, Công an tỉnh"); a role word between commas after
    // agencies ("Sở Nội vụ, cơ quan chủ trì, …") is theirs, not what follows.
    let heads: ((a: Placed) => boolean) | undefined;
    if (after && (t.heads || !before)) heads = (a) => a.list === t.list;
    // Alone on its line ("Phối hợp:" over one agency a line): the lines below, up to the next role.
    else if (!before && !after && later) heads = (a) => a.line > t.line;
    // After a list, the agencies before it in that list; alone after the last line, those of the line before.
    if (!heads) closers.push([at, before ? t.list : (agencies.findLast((a) => a.at < at)?.list ?? t.list), t.role]);
    else for (const a of agencies) if (a.at > at && a.at < end && heads(a)) a.heading = t.role;
  }
  // Roles after agencies once the headings are known: a heading stops them.
  for (const a of agencies) if (a.mark !== undefined) closers.push([a.at, a.list, a.mark]);
  closers.sort((x, y) => x[0] - y[0]);
  for (const [at, list, role] of closers) reachBack(at, list, role);
  return agencies.map((a) => {
    const role = a.mark !== undefined ? a.mark : a.heading !== undefined ? a.heading : a.reach;
    return role ? { text: a.text, role } : { text: a.text };
  });
}

/** "Công an tỉnh và các đơn vị liên quan" → two entries; "Sở Nông nghiệp và Môi trường" stays one. */
function splitOnAnd(entry: string): string[] {
  const out: string[] = [];
  let rest = entry;
  for (;;) {
    const m = /\s(?:và|cùng)\s+/iu.exec(rest);
    if (!m) break;
    const before = rest.slice(0, m.index).trim();
    const after = rest.slice(m.index + m[0].length);
    // The part before must be an agency too: "Sở Khoa học và Công nghệ và các đơn vị" splits at the second "và".
    if (before !== '' && AFTER_AND.test(after) && !/,\s*$/.test(before)) {
      out.push(before);
      rest = after;
      continue;
    }
    // Not a split here; look for a later "và".
    const later = splitOnAnd(after);
    if (later.length > 1) {
      out.push(`${rest.slice(0, m.index + m[0].length)}${later[0]}`.trim(), ...later.slice(1));
      return out;
    }
    break;
  }
  out.push(rest.trim());
  return out;
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

function continuesPrevious(previous: string, part: string): boolean {
  const first = part.charAt(0);
  const lowerStart = first !== first.toUpperCase();
  if (lowerStart) {
    if (!OPENS_ENTRY.test(part)) return true;
    // "Các cơ quan, đơn vị có liên quan": still one collective.
    return /^các\s+\S+$/iu.test(previous) && /^(?:đơn vị|cơ quan)\b/u.test(part);
  }
  // "Sở Văn hóa, Thể thao và Du lịch" and "Các Sở, Ban, Ngành": capitalised parts that are no agency alone.
  // The name may follow another agency and "và" ("Sở Nội vụ và Sở Văn hóa, Thể thao và Du lịch").
  if (/(?:^| )so van hoa$/.test(fold(previous)) && fold(part).startsWith('the thao')) return true;
  // "Các, sở, ngành": a stray comma right after "Các".
  if (/^các$/iu.test(previous.trim())) return true;
  return isCollective(previous) && /^(?:ban|ngành|địa phương|đơn vị)$/iu.test(part);
}

/** A directory prepared for matching: keys of names and aliases → canonical agency, and their words for abbreviations. */
export interface AgencyIndex {
  byKey: Map<string, Agency>;
  /** Every name and alias as folded words, for abbreviation matching. */
  spelled: Array<{ words: string[]; agency: Agency }>;
}

/** Connectives an abbreviation leaves out ("KH&CN" = "Khoa học và Công nghệ"). */
const SKIPPABLE = new Set(['va', 'cua', 'voi']);

/** Fold for matching: `&` and "và" drop out, "có liên quan" reads as "liên quan", a leading "các" goes. */
function agencyKey(name: string): string {
  return fold(name.replace(/&/g, ' va '))
    .split(' ')
    .filter((w) => !SKIPPABLE.has(w))
    .join(' ')
    .replace(/\bco lien quan\b/g, 'lien quan')
    .replace(/^cac /, '');
}

/** "Sở Tư pháp tỉnh Lào Cai" is "Sở Tư pháp" in a province's own directory. */
function withoutProvince(key: string): string | undefined {
  if (key.length > 120) return undefined;
  const at = key.indexOf(' tinh');
  if (at < 0 || !key.slice(0, at).includes(' ')) return undefined;
  const after = key.slice(at + 5);
  // "Tỉnh ủy" and "Tỉnh đoàn" are names of their own, not the province.
  if (after !== '' && !after.startsWith(' ')) return undefined;
  if (/^ (?:uy|doan)\b/.test(after)) return undefined;
  return key.slice(0, at);
}

export function indexAgencies(directory: readonly Agency[]): AgencyIndex {
  const byKey = new Map<string, Agency>();
  const bare = new Map<string, Agency>();
  const spelled: AgencyIndex['spelled'] = [];
  for (const agency of directory) {
    for (const n of [agency.name, ...agency.aliases]) {
      const key = agencyKey(n);
      // A later entry wins: a template puts its own directory after the provincial one to override it.
      byKey.set(key, agency);
      const b = withoutProvince(key);
      if (b) bare.set(b, agency);
      spelled.push({ words: fold(n.replace(/&/g, ' va ')).split(' ').filter((w) => w !== ''), agency });
    }
  }
  for (const [key, agency] of bare) if (!byKey.has(key)) byKey.set(key, agency);
  return { byKey, spelled: spelled.reverse() };
}

/**
 * Can `short` (printed words, e.g. ["so", "khcn"]) be spelt from `full` (a directory name's
 * words), each printed word being a whole word or the initials of consecutive words, every
 * word of both used? Connectives may be skipped. Names are a few words long, so the search is small.
 */
function abbreviates(short: readonly string[], full: readonly string[], i = 0, j = 0): boolean {
  if (i === short.length) return full.slice(j).every((w) => SKIPPABLE.has(w));
  if (j === full.length) return false;
  if (SKIPPABLE.has(full[j]!) && abbreviates(short, full, i, j + 1)) return true;
  const word = short[i]!;
  if (word === full[j] && abbreviates(short, full, i + 1, j + 1)) return true;
  // Initials: "khcn" = k(hoa) h(oc) [va] c(ong) n(ghe).
  let k = 0;
  let f = j;
  while (k < word.length && f < full.length) {
    if (SKIPPABLE.has(full[f]!) && full[f]![0] !== word[k]) {
      f++;
      continue;
    }
    if (full[f]![0] !== word[k]) break;
    k++;
    f++;
    if (k === word.length && f - j > 1 && abbreviates(short, full, i + 1, f)) return true;
  }
  return false;
}

/** Match one printed agency against the directory: exact key, key without the province, then abbreviations. */
export function matchAgency(printed: string, index: AgencyIndex): AgencyMatch {
  const key = agencyKey(printed);
  const bare = withoutProvince(key);
  const agency = index.byKey.get(key) ?? (bare ? index.byKey.get(bare) : undefined) ?? byAbbreviation(printed, index);
  if (agency) return { printed, name: agency.name, known: true, collective: agency.collective };
  const collective = isCollective(printed);
  return { printed, name: collective ? collectiveName(printed) : printed, known: false, collective };
}

/** The one directory entry the printed name abbreviates; none when several would fit. */
function byAbbreviation(printed: string, index: AgencyIndex): Agency | undefined {
  const words = fold(printed.replace(/&/g, ' va ')).split(' ').filter((w) => w !== '' && !SKIPPABLE.has(w));
  if (words.length === 0 || words.length > 12) return undefined;
  let found: Agency | undefined;
  for (const s of index.spelled) {
    if (s.words[0]?.[0] !== words[0]![0] || !abbreviates(words, s.words)) continue;
    if (found && found !== s.agency) return undefined;
    found = s.agency;
  }
  return found;
}

/** Capitalised words that begin an agency's name, where two names printed without a separator meet. */
const NAME_START = /\s(?=(?:UBND|Ủy ban|Uỷ ban|Sở|Công an|Văn phòng|Ban|Trung tâm|Bộ Chỉ huy|Đài|Bảo hiểm)\s)/gu;
const ENDS_CONNECTIVE = /\s(?:và|của|thuộc|cùng|với|trực thuộc)$/iu;

/** At most this many "và" or "/" in one entry are tried as separators between directory agencies. */
const MAX_JOINED = 8;

/** A part of a name split: known, a collective, or a head word with at least two words of its own ("UBND cấp huyện"). */
function standsAlone(part: string, m: AgencyMatch): boolean {
  return m.known || m.collective || part.trim().split(/\s+/).length >= 3;
}

/**
 * Match a printed agency, and when the whole is unknown try it as several names printed
 * without a separator ("UBND cấp huyện UBND cấp xã"). A split is taken only when every part
 * stands as an agency (known, a collective, or a head word and its own name), so a real
 * unknown name ("Văn phòng UBND xã X") is kept whole and flagged.
 */
export function matchAgencies(printed: string, index: AgencyIndex): AgencyMatch[] {
  const whole = matchAgency(printed, index);
  // A name the directory holds as printed is whole; one found only by dropping what follows "tỉnh"
  // ("Thanh tra tỉnh / SNV") or as an abbreviation may still be two agencies.
  if (whole.known && index.byKey.has(agencyKey(printed))) return [whole];
  // "SNV và STP", "Sở KH&CN / CA tỉnh": short forms begin with no head word, so the directory decides:
  // "và", "/" or a spaced dash separates when every side is an agency it knows.
  const joints = [...printed.matchAll(/\s+(?:và|cùng)\s+|\s*\/\s*|\s+[-–]\s+/giu)];
  // A few agencies printed together, not a pasted list: each split costs a look-up of the rest.
  if (joints.length > MAX_JOINED) joints.length = 0;
  for (const m of joints) {
    const head = matchAgency(printed.slice(0, m.index).trim(), index);
    if (!head.known) continue;
    const rest = matchAgencies(printed.slice(m.index + m[0].length).trim(), index);
    if (rest.every((r) => r.known)) return [head, ...rest];
  }
  if (whole.known) return [whole];
  for (const m of printed.matchAll(NAME_START)) {
    const headText = printed.slice(0, m.index).trim();
    if (ENDS_CONNECTIVE.test(` ${headText}`) || headText.split(/\s+/).length < 2) continue;
    const head = matchAgency(headText, index);
    if (!standsAlone(headText, head) && !head.known) continue;
    const rest = matchAgencies(printed.slice(m.index).trim(), index);
    if (rest.every((r) => standsAlone(r.printed, r)) && (head.known || rest.some((r) => r.known))) return [head, ...rest];
  }
  return [whole];
}

/** Verbs that turn an agency cell into a sentence ("Sở KH&CN chủ trì, chỉ đạo các doanh nghiệp …"). */
// Lower case only: in a name the words are capitalised ("Ban Chỉ đạo").
const SENTENCE_VERB = /\s(?:chủ trì|phối hợp|chỉ đạo|hướng dẫn|tham mưu|đôn đốc|triển khai|thực hiện|tổng hợp|xây dựng|đã hoàn thành|hoàn thành|được giao|báo cáo|theo dõi|kiểm tra)(?=\s|,|$)/u;

export interface AgencyCell {
  /** Normalised agency names, each once, in printed order. */
  names: string[];
  matches: AgencyMatch[];
  /** The cell held a sentence; `names` are the agencies it names. */
  sentence?: string;
  /** The column the role printed beside a name puts it in ("Sở Tư pháp (phối hợp)"), for the names that have one. */
  roles: Map<string, AgencyRole>;
}

/**
 * Reads one agency cell: split, matched, collectives normalised. An entry that is a sentence
 * ("Sở KH&CN chủ trì, chỉ đạo các doanh nghiệp viễn thông …") gives the agency it opens with and
 * marks the cell, so the caller can warn; nothing is made up from the rest of the sentence.
 */
export function readAgencyCell(text: string, index: AgencyIndex): AgencyCell {
  const names: string[] = [];
  const matches: AgencyMatch[] = [];
  const roles = new Map<string, AgencyRole>();
  let sentence: string | undefined;
  for (const { text: entry, role } of splitAgencyRoles(text)) {
    let printed = entry;
    const verb = SENTENCE_VERB.exec(entry);
    if (verb && verb.index > 0) {
      const head = entry.slice(0, verb.index).trim();
      const m = matchAgency(head, index);
      // Only when what precedes the verb is a known agency or a collective: otherwise the entry may be a name.
      if (m.known || m.collective) {
        sentence = entry;
        printed = head;
      }
    }
    for (const m of matchAgencies(printed, index)) {
      matches.push(m);
      if (names.includes(m.name)) continue;
      names.push(m.name);
      if (role) roles.set(m.name, role);
    }
  }
  return { names, matches, roles, ...(sentence ? { sentence } : {}) };
}

/** A task's agencies once the roles printed in its two cells have put each in its column. */
export interface TaskAgencies {
  leads: string[];
  partners: string[];
  /** Each cell as read: its matches (unknown agencies), its sentence. */
  leadCell: AgencyCell;
  partnerCell: AgencyCell;
  /** Agencies the lead cell itself says are partners ("…; Sở Tư pháp (phối hợp)"), now among the partners. */
  toPartners: string[];
  /** Agencies the partner cell says lead ("Sở Tài chính (chủ trì), …") and that now lead: the lead cell named no lead. */
  toLeads: string[];
  /** Agencies the partner cell says lead while the lead cell names another lead: kept among the partners, for a person to decide. */
  contested: string[];
}

/**
 * Reads a task's lead and partner cells together, so a role printed inside one cell moves an agency
 * to the other column. The lead cell is the plan's word on who leads, so (our reading of DOMAIN.md's
 * "một việc chỉ phân công một đầu mối chủ trì"):
 * - an agency the lead cell marks as a partner ("Sở Nội vụ (chủ trì); Sở Tư pháp, Công an tỉnh (phối
 *   hợp)") is a partner, always: the cell itself says so;
 * - an agency the partner cell marks as the lead ("Sở Tài chính (chủ trì), các sở ngành") leads when the
 *   lead cell names no lead (it is empty, or names partners only), and is simply the lead when the lead
 *   cell names it too (not listed again as a partner); when the lead cell names another lead the two
 *   cells disagree, and it stays a partner, `contested`, rather than make a second lead nobody printed
 *   in the lead column.
 * Agencies without a printed role stay where they were printed.
 */
export function readTaskAgencies(leadsText: string, partnersText: string, index: AgencyIndex): TaskAgencies {
  const leadCell = readAgencyCell(leadsText, index);
  const partnerCell = readAgencyCell(partnersText, index);
  const leads: string[] = [];
  const partners: string[] = [];
  const toPartners: string[] = [];
  const toLeads: string[] = [];
  const contested: string[] = [];
  const add = (list: string[], name: string): void => {
    if (!list.includes(name)) list.push(name);
  };
  for (const name of leadCell.names) {
    if (leadCell.roles.get(name) === 'partner') {
      add(partners, name);
      toPartners.push(name);
    } else add(leads, name);
  }
  const printedLeads = [...leads];
  for (const name of partnerCell.names) {
    if (partnerCell.roles.get(name) !== 'lead') add(partners, name);
    else if (printedLeads.includes(name)) continue;
    else if (printedLeads.length === 0) {
      add(leads, name);
      toLeads.push(name);
    } else {
      add(partners, name);
      contested.push(name);
    }
  }
  return { leads, partners, leadCell, partnerCell, toPartners, toLeads, contested };
}
