// Where the user typed the command: `pnpm dondoc` runs from the repository root, INIT_CWD is the user's folder.
export const resolveCwd = (): string => process.env.INIT_CWD || process.cwd();
