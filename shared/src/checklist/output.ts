// Does an output cell ("Kết quả đầu ra") name a product, or only an activity? DOMAIN.md "5 rõ":
// "Quyết định", "Báo cáo", "03 lớp được tổ chức" are products; "Triển khai …", "Thực hiện …",
// "Tổ chức thực hiện" are not. Judged by the head of each item: a product noun or an activity verb.
import { fold } from '../fold.ts';

/**
 * - `product`: some item names something that can be handed over or counted.
 * - `activity`: every readable item is work being done, not what it yields.
 * - `vague`: an outcome word with no product ("Hoàn thành", "Đạt yêu cầu").
 * - `empty`: nothing written.
 * - `unknown`: no item starts with a word we know; given the benefit of the doubt (it passes),
 *   because output cells are mostly noun phrases and a false alarm on every unusual noun would
 *   bury the real activity rows.
 */
export type OutputKind = 'product' | 'activity' | 'vague' | 'empty' | 'unknown';

export interface OutputVerdict {
  kind: OutputKind;
  /** The item that decided the verdict, as printed (the activity quoted back to the user). */
  item: string;
}

// Word lists are folded (no diacritics, lower case) and matched against the start of an item.
// Multi-word entries come before their prefixes where it matters ("to chuc thuc hien").

/** Things a task can deliver: documents, systems, data, counted events, indicators. */
const PRODUCT_NOUNS = [
  'quyet dinh', 'ke hoach', 'bao cao', 'van ban', 'cong van', 'to trinh', 'nghi quyet', 'nghi dinh', 'chi thi',
  'thong bao', 'ket luan', 'de an', 'du an', 'chuong trinh', 'quy che', 'quy dinh', 'quy trinh', 'quy chuan',
  'tieu chuan', 'huong dan', 'de xuat', 'phuong an', 'giai phap', 'danh muc', 'danh sach', 'bo tieu chi',
  'bo chi so', 'bo truong', 'bo nhan dien', 'bo cong cu', 'tieu chi', 'chi so', 'chi tieu', 'ty le', 'ti le', 'so luong', 'bien ban',
  'hop dong', 'thoa thuan', 'bien ban ghi nho', 'tai lieu', 'giao trinh', 'so tay', 'cam nang', 'ho so', 'giay chung nhan',
  'chung nhan', 'bang', 'bieu mau', 'mau', 'co so du lieu', 'csdl', 'du lieu', 'kho du lieu', 'he thong', 'phan mem',
  'nen tang', 'cong thong tin', 'cong dich vu', 'trang thong tin', 'trang', 'website', 'tai khoan', 'kien truc', 'khung',
  'mo hinh', 'san pham', 'lop', 'khoa', 'hoi nghi', 'hoi thao', 'toa dam', 'cuoc thi', 'dien dan', 'chuyen de',
  'chuyen muc', 'tin bai', 'tin', 'bai viet', 'an pham', 'video', 'phong su', 'trung tam', 'to cong nghe', 'to',
  'mang luoi', 'quy', 'dieu le', 'de tai', 'nhiem vu khoa hoc', 'sang kien', 'ban do', 'luoc do', 'ke hoach von',
  'du toan', 'kinh phi', 'nguon von', 'ha tang', 'duong truyen', 'thiet bi', 'kenh', 'dich vu cong', 'ket qua ra soat',
  'ket qua', 'bang chung', 'minh chung', 'cong cu',
];

/**
 * Heads that are nouns in an output cell unless a person or an agency follows ("Hướng dẫn số …",
 * "Báo cáo kết quả" are products; "Hướng dẫn các đơn vị …", "Báo cáo UBND tỉnh …" are activities).
 */
const NOUN_OR_VERB = new Set(['bao cao', 'huong dan', 'de xuat', 'thong bao', 'quy dinh', 'ket luan', 'tong hop']);

/**
 * What follows an activity: its addressees. Matched on the text with its diacritics, since folding
 * makes "Sở" and "số" ("Hướng dẫn số 12") the same word.
 */
const ADDRESSEES = /^(?:các|những|mọi|toàn thể|người|cán bộ|công chức|viên chức|doanh nghiệp|đơn vị|cơ quan|địa phương|sở|ngành|ubnd|ủy ban|uỷ ban|xã|phường|huyện|tỉnh|nhân dân|học sinh|sinh viên|hộ)(?: |$)/;

/** Activity verbs that, followed by a product noun, name the product they make ("Ban hành Kế hoạch …"). */
const MAKING_VERBS = [
  'xay dung', 'ban hanh', 'lap', 'soan thao', 'trinh', 'phe duyet', 'thanh lap', 'ky ket', 'hoan thanh',
  'hoan thien', 'cong bo', 'phat hanh', 'thiet lap',
  'dua vao van hanh', 'nang cap', 'kien toan', 'sua doi', 'bo sung', 'to chuc', 'mo', 'dao tao', 'tap huan', 'boi duong',
];

/** Work being done: the heads that make an output cell an activity rather than a product. */
const ACTIVITY_VERBS = [
  'trien khai', 'thuc hien', 'to chuc thuc hien', 'to chuc trien khai', 'to chuc', 'tiep tuc', 'duy tri', 'day manh',
  'tang cuong', 'nang cao', 'phoi hop', 'chi dao', 'theo doi', 'don doc', 'tham muu', 'ra soat', 'xay dung', 'hoan thien',
  'hoan thanh', 'phat trien', 'tuyen truyen', 'thuc day', 'chu dong', 'bao dam', 'dam bao', 'ho tro', 'nghien cuu',
  'cap nhat', 'kiem tra', 'giam sat', 'van hanh', 'tap huan', 'dao tao', 'boi duong', 'quan triet', 'pho bien',
  'cai thien', 'khai thac', 'su dung', 'quan ly', 'tiep nhan', 'xu ly', 'giai quyet', 'cung cap', 'ket noi', 'chia se',
  'so hoa', 'chuan hoa', 'cat giam', 'don gian hoa', 'cong khai', 'ban hanh', 'phe duyet', 'trinh', 'tham gia',
  'gop phan', 'long ghep', 'phan cong', 'bo tri', 'dang ky', 'lua chon', 'danh gia', 'khao sat', 'thuc thi', 'cong bo',
  'huy dong', 'khac phuc', 'xu ly', 'lap', 'thanh lap', 'kien toan', 'nang cap', 'mo rong', 'nhan rong', 'ung dung',
  'chuyen doi', 'tich hop', 'dong bo', 'ho tro', 'dau tu', 'mua sam', 'bo sung', 'sua doi', 'soan thao', 'thiet lap',
  'huong dan', 'bao cao', 'de xuat', 'tong hop', 'ky ket', 'phat hanh', 'dua vao van hanh', 'mo', 'thu hut',
  'khuyen khich', 'phan dau', 'hinh thanh', 'tao lap', 'hop tac', 'xuc tien', 'quang ba', 'van dong', 'phat dong',
];

/** Outcome words with no product: the whole item is one of these. */
const VAGUE = new Set([
  'hoan thanh', 'dat', 'tot', 'dung', 'dung tien do', 'dat yeu cau', 'dat ke hoach', 'dat chi tieu', 'hoan thanh nhiem vu',
  'hoan thanh ke hoach', 'theo ke hoach', 'theo tien do', 'ket qua', 'ket qua thuc hien', 'ket qua tot', 'hieu qua',
  'co hieu qua', 'dam bao', 'bao dam', 'thuong xuyen', 'dinh ky', 'dat hieu qua', 'hoan thanh dung han',
]);

/** Words before the head that make it a noun ("các kết nối", "những ứng dụng"), whatever else it can be. */
const PLURAL = /^(?:cac|nhung|moi|toan bo|tat ca|mot so) /;
/** A number or a share at the head: the output is counted ("03 lớp được tổ chức", "100% dữ liệu …"). */
const COUNTED = /^(?:(?:toi thieu|it nhat|tren|duoi|khoang|dat|tang|giam|tu|con) )?(?:\d|>|<|≥|≤)/;
/** Right after the head: the head is a thing with what became of it ("Kế hoạch được ban hành", "Kết nối đã hoàn thành"). */
const BECAME = /^(?:duoc|da duoc|da|dang duoc)(?: |$)/;
/** Between an activity verb and its object: manner words and further verbs ("Xây dựng và ban hành …"). */
const MANNER = /^(?:va|hoac|nham|hieu qua|kip thoi|dong bo|day du|thuc chat|nghiem tuc|quyet liet|toan dien|manh me) /;

/** Entries by their first word, each list longest first: a head lookup reads a handful of entries, not the whole list. */
type HeadIndex = Map<string, string[]>;
function indexHeads(list: readonly string[]): HeadIndex {
  const index: HeadIndex = new Map();
  for (const w of new Set(list)) {
    const first = w.split(' ')[0]!;
    const entries = index.get(first);
    if (entries) entries.push(w);
    else index.set(first, [w]);
  }
  for (const entries of index.values()) entries.sort((a, b) => b.length - a.length);
  return index;
}
const PRODUCTS = indexHeads(PRODUCT_NOUNS);
const ACTIVITIES = indexHeads(ACTIVITY_VERBS);
const MAKING = new Set(MAKING_VERBS);

/** Longest entry that `s` starts with as whole words ("to chuc thuc hien" before "to chuc"), or undefined. */
function headOf(s: string, index: HeadIndex): string | undefined {
  const space = s.indexOf(' ');
  const entries = index.get(space < 0 ? s : s.slice(0, space));
  if (entries) for (const w of entries) if (s === w || s.startsWith(`${w} `)) return w;
  return undefined;
}

const after = (s: string, head: string) => s.slice(head.length).trimStart();
const wordCount = (s: string) => (s === '' ? 0 : s.split(' ').length);

/**
 * The object of an activity verb and the verb right before it: manner words and chained verbs are
 * skipped ("Tham mưu ban hành Kế hoạch" → verb "ban hanh", object "ke hoach …").
 */
function objectOf(s: string, head: string): { verb: string; object: string } {
  let verb = head;
  let rest = after(s, head);
  for (let guard = 0; guard < 8; guard++) {
    const m = MANNER.exec(rest);
    if (m) {
      rest = rest.slice(m[0].length);
      continue;
    }
    const next = headOf(rest, ACTIVITIES);
    const noun = headOf(rest, PRODUCTS);
    if (next && !(noun && noun.length >= next.length)) {
      verb = next;
      rest = after(rest, next);
      continue;
    }
    break;
  }
  return { verb, object: rest };
}

/** `folded` and `lower` hold the same words, without and with diacritics. */
function judgeItem(folded: string, lower: string): OutputKind {
  if (folded === '') return 'empty';
  if (VAGUE.has(folded)) return 'vague';
  if (COUNTED.test(folded)) return 'product';
  const plural = PLURAL.exec(folded);
  if (plural) return after(folded, plural[0]) === '' ? 'vague' : 'product';
  const noun = headOf(folded, PRODUCTS);
  const verb = headOf(folded, ACTIVITIES);
  const head = noun && (!verb || noun.length >= verb.length) ? noun : verb;
  if (head === undefined) return 'unknown';
  if (BECAME.test(after(folded, head))) return 'product';
  if (head === noun) {
    if (!NOUN_OR_VERB.has(noun)) return 'product';
    const rest = lower.split(' ').slice(wordCount(noun)).join(' ');
    return ADDRESSEES.test(rest) ? 'activity' : 'product';
  }
  const { verb: last, object } = objectOf(folded, head);
  const bare = object.replace(PLURAL, '');
  // "Tổ chức 03 lớp", "Đào tạo 200 cán bộ": the verb's result is counted.
  if (COUNTED.test(object) || COUNTED.test(bare)) return 'product';
  // "Ban hành Kế hoạch …", "Tham mưu xây dựng Bộ tiêu chí …": the product is named after the verb that makes it.
  const made = headOf(bare, PRODUCTS);
  if (MAKING.has(last) && made !== undefined && !NOUN_OR_VERB.has(made)) return 'product';
  return 'activity';
}

/**
 * Items of an output cell (lines, "; ", "/", bullets, sentences), each split further at commas:
 * "Báo cáo, đề xuất, văn bản hướng dẫn" lists three products, "Phân công nhiệm vụ tại cơ quan, đơn
 * vị" one activity whose tail is no item of its own.
 */
function itemsOf(text: string): string[][] {
  const clean = (s: string) => s.replace(/^[\s\-+•–*]+|[\s.:;]+$/g, '').trim();
  return text
    .normalize('NFC')
    .replace(/<[^>]*>/g, '\n')
    .replace(/\$[^$]*\$/g, ' 1 ')
    .split(/\n|;|(?:^|\s)[-+•–]\s+|(?<!\d)\s*\/\s*(?!\d)|\.\s+(?=\p{L})/u)
    .map((item) => item.split(/,\s*/).map(clean).filter((s) => s !== ''))
    .filter((parts) => parts.length > 0);
}

/** Lower case with diacritics, punctuation to spaces: the same words `fold` gives, with their marks. */
const lowerWords = (s: string) => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}%≥≤<>]+/gu, ' ').trim();

function judgePart(part: string): OutputKind {
  const lower = lowerWords(part);
  return judgeItem(fold(lower), lower);
}

/**
 * Judges an output cell. It names a product when any item does ("Triển khai …; báo cáo kết quả"
 * delivers the report), or when a comma-separated part after an item's head does ("Triển khai
 * thực hiện, báo cáo kết quả"); otherwise an item is what its first part is.
 */
export function judgeOutput(output: string): OutputVerdict {
  // Plans repeat their outputs ("Báo cáo kết quả thực hiện" a dozen times in one appendix): judged once each.
  const known = VERDICTS.get(output);
  if (known) return { ...known };
  const verdict = judgeCell(output);
  if (VERDICTS.size >= VERDICT_CACHE_SIZE) VERDICTS.clear();
  VERDICTS.set(output, verdict);
  return { ...verdict };
}

const VERDICT_CACHE_SIZE = 20_000;
const VERDICTS = new Map<string, OutputVerdict>();

function judgeCell(output: string): OutputVerdict {
  const items = itemsOf(output);
  if (items.length === 0) return { kind: 'empty', item: '' };
  let failed: OutputVerdict | undefined;
  let unknown: OutputVerdict | undefined;
  for (const parts of items) {
    const head = judgePart(parts[0]!);
    if (head === 'product') return { kind: head, item: parts[0]! };
    for (const part of parts.slice(1)) if (judgePart(part) === 'product') return { kind: 'product', item: part };
    const verdict = { kind: head, item: parts.join(', ') };
    if (head === 'unknown') unknown ??= verdict;
    else failed ??= verdict;
  }
  // An unreadable noun phrase beside activities may still be the product: benefit of the doubt.
  return unknown ?? failed!;
}
