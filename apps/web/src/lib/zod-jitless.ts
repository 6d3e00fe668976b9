// Zod as the app's bundle sees it: vite.config.ts resolves every `import … from 'zod'` here. Zod
// compiles object parsers with `new Function` when it may, probing with one first; the server's
// Content-Security-Policy has no 'unsafe-eval', so the probe is blocked and Chromium reports a CSP
// violation. Parsing without compiled parsers avoids both. Set in the module every schema's module
// imports, it holds before the first schema is defined, in whichever chunk that is; the board's first
// screen defines none and so loads no zod at all.
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
