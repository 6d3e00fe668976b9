// Imported first by main.ts. Zod compiles object parsers with `new Function` when it may, probing
// with one first; the server's Content-Security-Policy has no 'unsafe-eval', so the probe is
// blocked and Chromium reports a CSP violation. Parsing without compiled parsers avoids both.
import { z } from 'zod';

z.config({ jitless: true });
