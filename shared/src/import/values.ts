// The board's own values as documents print them — a percent of completion ("80%", "0,8",
// "Hoàn thành") and a day ("15/11/2025", an Excel day number) — read the same way for an imported
// table and for a cell typed in the import preview.
import type { IsoDate } from '../model.ts';
import { addDays, isValidDate, isoDate } from '../dates.ts';
import { fold } from '../fold.ts';

/**
 * How a percent column writes its bare numbers: as percents ("80") or as fractions of one ("0,8"),
 * which is how Excel keeps a percent cell that lost its format. `auto` is for a value on its own
 * (a typed cell): a number written with decimals and at most 1 is a fraction.
 */
export type PercentScale = 'percent' | 'fraction' | 'auto';

const BARE = /^(\d{1,3}(?:[.,]\d+)?)$/;
const SIGNED = /(\d{1,3}(?:[.,]\d+)?)\s*%/g;
/** Words a report prints for a task's completion, in place of a number. */
const DONE = /^(?:da )?(?:hoan thanh|xong)(?: (?:toan bo|dung han|qua han|tre han|cham))?$/;
const NOT_STARTED = /^chua (?:thuc hien|trien khai|bat dau|khoi dong)$/;

const toNumber = (digits: string): number => Number(digits.replace(',', '.'));

/**
 * The scale of a column from its cells: fractions when every bare number in it is at most 1 and one
 * is written with decimals ("0,8", "1", "0,25"); percents otherwise ("80", "0,5" among "60"s is half a percent).
 */
export function percentScale(cells: Iterable<string>): Exclude<PercentScale, 'auto'> {
  let decimals = false;
  let any = false;
  for (const cell of cells) {
    const m = BARE.exec(cell.trim());
    if (!m) continue;
    any = true;
    if (toNumber(m[1]!) > 1) return 'percent';
    if (/[.,]/.test(m[1]!)) decimals = true;
  }
  return any && decimals ? 'fraction' : 'percent';
}

/**
 * A percent of completion, 0–100, or undefined when the text does not say one: "80", "80%", "80 %",
 * "Đạt 80%" (one percent in a phrase), "0,8" (a fraction, by `scale`), "Hoàn thành" (100), "Chưa
 * thực hiện" (0). A part of a percent is dropped, never rounded up: 99,6% is not "Hoàn thành".
 * Over 100, below 0 or two percents in one cell ("50% năm 2025, 80% năm 2026") read as nothing.
 */
export function readPercent(text: string, scale: PercentScale = 'auto'): number | undefined {
  const t = text.trim();
  if (t === '' || t.length > 200) return undefined;
  let value: number | undefined;
  const bare = BARE.exec(t);
  // "1.000" is a thousand as Vietnamese prints it, not one: no percent.
  if (bare && /^[1-9]\d{0,2}\.\d{3}$/.test(t)) return undefined;
  if (bare) {
    value = toNumber(bare[1]!);
    const fraction = scale === 'fraction' || (scale === 'auto' && value <= 1 && /[.,]/.test(bare[1]!));
    if (fraction) value *= 100;
  } else {
    const signed = [...t.matchAll(SIGNED)];
    if (signed.length === 1) value = toNumber(signed[0]![1]!);
    else if (signed.length === 0) {
      const f = fold(t);
      if (DONE.test(f)) value = 100;
      else if (NOT_STARTED.test(f)) value = 0;
    }
  }
  if (value === undefined || !Number.isFinite(value)) return undefined;
  // 0.29 × 100 is 28.999…: settle the float before dropping the part of a percent.
  const whole = Math.floor(Math.round(value * 1e6) / 1e6);
  return whole >= 0 && whole <= 100 ? whole : undefined;
}

/** Why a percent did not read, in Vietnamese, with the text as printed: the import's warning and the preview's refusal. */
export const percentProblem = (text: string): string => `phần trăm hoàn thành "${text}" không đọc được (cần một số từ 0 đến 100, ví dụ 80, 80%, 0,8 hoặc "Hoàn thành")`;

/** Excel counts days from 30/12/1899; serials from 1990 to 2100 are the only ones a task's date can be. */
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73415;

/**
 * A day as a document prints it, or undefined: "15/11/2025", "15-11-2025", "15.11.25", "Ngày
 * 15/11/2025", "2025-11-15" (ISO, a time after it ignored), or an Excel day number ("45976", a date
 * cell whose format was lost). Day before month, as Vietnamese dates are written.
 */
export function readDay(text: string): IsoDate | undefined {
  const t = text.trim().replace(/^ngày\s+/iu, '');
  const vi = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(t);
  if (vi) {
    const year = vi[3]!.length === 2 ? 2000 + Number(vi[3]) : Number(vi[3]);
    return isValidDate(year, Number(vi[2]), Number(vi[1])) ? isoDate(year, Number(vi[2]), Number(vi[1])) : undefined;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t);
  if (iso) return isValidDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
  const serial = /^(\d{5})(?:[.,]\d+)?$/.exec(t);
  if (serial) {
    const n = Number(serial[1]);
    if (n >= SERIAL_MIN && n <= SERIAL_MAX) return addDays('1899-12-30', n);
  }
  return undefined;
}
