// Messages formatted without vue-i18n's per-call work, for words formatted thousands of times (a card's
// ten labels, as cards mount while a board loads or the search box filters it): on every call vue-i18n
// parses the key's path, builds a cache key and walks the message's compiled form, ~50-100 µs a call
// here. A message of plain text and {named} slots is split once per language and joined per call; any
// other (plurals, linked messages, literals) goes to vue-i18n as before, so the words are the same.
import { i18n } from './index.ts';

export type Translate = (key: string, named?: Readonly<Record<string, unknown>>) => string;
type Format = (named?: Readonly<Record<string, unknown>>) => string;

/** Plain text with {name} slots and nothing vue-i18n would read otherwise (`@`, `|`, `{'…'}`). */
const PLAIN = /^[^@|{}]*(?:\{\w+\}[^@|{}]*)*$/;

const formats = new Map<string, Map<string, Format>>();

function messageAt(locale: string, key: string): unknown {
  let node: unknown = i18n.global.getLocaleMessage(locale);
  for (const part of key.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

function compile(locale: string, key: string): Format {
  const fallback = i18n.global.fallbackLocale.value;
  const message = messageAt(locale, key) ?? (typeof fallback === 'string' && fallback !== locale ? messageAt(fallback, key) : undefined);
  if (typeof message !== 'string' || !PLAIN.test(message)) return (named) => (named ? i18n.global.t(key, { ...named }) : i18n.global.t(key));
  // "Tiến độ {n}%" → ['Tiến độ ', 'n', '%']: names at odd positions.
  const parts = message.split(/\{(\w+)\}/);
  if (parts.length === 1) return () => message;
  return (named = {}) => {
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const value = named[parts[i]!];
      out += (value === undefined || value === null ? '' : String(value)) + parts[i + 1]!;
    }
    return out;
  };
}

/** `t` for `locale`, each message prepared on its first use in that language. */
export function plainTranslate(locale: string): Translate {
  let byKey = formats.get(locale);
  if (!byKey) formats.set(locale, (byKey = new Map()));
  const known = byKey;
  return (key, named) => {
    let format = known.get(key);
    if (!format) known.set(key, (format = compile(locale, key)));
    return format(named);
  };
}
