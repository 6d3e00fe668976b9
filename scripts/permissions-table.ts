// `pnpm docs:permissions`: writes docs/PERMISSIONS.md, the role × action table generated from RULES.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { permissionsMarkdown } from '../apps/server/src/docs/permissions-table.ts';

const target = fileURLToPath(new URL('../docs/PERMISSIONS.md', import.meta.url));
await writeFile(target, permissionsMarkdown());
console.log(`Đã ghi / wrote ${target}`);
