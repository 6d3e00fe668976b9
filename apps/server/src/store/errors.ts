// Why the store refused to open, worded for the person starting the server, in Vietnamese and English.
export type StoreOpenProblem = 'corrupt-snapshot' | 'newer-schema' | 'corrupt-journal' | 'replay-failed';

export class StoreOpenError extends Error {
  readonly problem: StoreOpenProblem;
  readonly file: string;
  readonly messageVi: string;
  readonly messageEn: string;

  constructor(problem: StoreOpenProblem, file: string, messageVi: string, messageEn: string) {
    super(`${messageVi}\n${messageEn}`);
    this.name = 'StoreOpenError';
    this.problem = problem;
    this.file = file;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
  }
}
