// The PDF's typeface: Tinos, metric-compatible with Times New Roman (Liberation Serif 2 is built from
// it) and complete for Vietnamese, read from the @expo-google-fonts/tinos package's TTF files so a
// machine needs no system fonts. pdfkit embeds the subset of glyphs each document uses.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TFontDictionary } from 'pdfmake/interfaces';

const require = createRequire(import.meta.url);

const FILES = {
  normal: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italics: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  bolditalics: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;

interface VirtualFs {
  writeFileSync(name: string, data: Buffer): void;
  existsSync(name: string): boolean;
}
const isVirtualFs = (v: unknown): v is VirtualFs =>
  !!v && typeof (v as Partial<VirtualFs>).writeFileSync === 'function' && typeof (v as Partial<VirtualFs>).existsSync === 'function';

/**
 * Puts the four TTFs into pdfmake's in-memory file system once and returns the font dictionary that
 * names them: pdfmake takes fonts by name (a Buffer in the dictionary is mistaken for a URL object).
 */
export function tinos(pdfmake: object): TFontDictionary {
  const vfs: unknown = Reflect.get(pdfmake, 'virtualfs');
  if (!isVirtualFs(vfs)) throw new Error('pdfmake has no virtual file system to hold the fonts (pdfmake API changed?)');
  const names = Object.fromEntries(Object.entries(FILES).map(([style, file]) => [style, `dondoc-${file.split('/')[1]}`])) as Record<keyof typeof FILES, string>;
  for (const [style, file] of Object.entries(FILES) as Array<[keyof typeof FILES, string]>) {
    if (!vfs.existsSync(names[style])) vfs.writeFileSync(names[style], readFileSync(require.resolve(`@expo-google-fonts/tinos/${file}`)));
  }
  return { Tinos: { ...names } };
}
