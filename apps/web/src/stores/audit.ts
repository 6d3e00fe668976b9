// The audit trail as the administrator checks it: the chain's verdict, a signed checkpoint to hand a
// second party, and the verdict against a checkpoint someone kept.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as api from '../api/admin.ts';
import { apiMessage } from '../lib/apiMessage.ts';
import { t } from '../i18n/index.ts';

/** The fields of a checkpoint file and what each must be; checked before sending, so a wrong file is named at once. */
const CHECKPOINT_FIELDS = {
  entries: (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
  head: (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v),
  at: (v: unknown) => typeof v === 'string' && v.length <= 100,
  publicKey: (v: unknown) => typeof v === 'string' && v.length <= 200,
  signature: (v: unknown) => typeof v === 'string' && v.length <= 200,
} as const;

export class CheckpointFileError extends Error {}

/** Reads a checkpoint someone kept; throws CheckpointFileError in the user's words. */
export function readCheckpointFile(text: string): api.CheckpointInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CheckpointFileError(t('admin.audit.fileNotJson'));
  }
  const c = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const wrong = (Object.keys(CHECKPOINT_FIELDS) as Array<keyof typeof CHECKPOINT_FIELDS>).find((k) => !CHECKPOINT_FIELDS[k](c[k]));
  if (wrong) throw new CheckpointFileError(t('admin.audit.fileNotCheckpoint', { field: wrong }));
  // Only the fields the server signs: an extra key would be refused.
  return { entries: c.entries as number, head: c.head as string, at: c.at as string, publicKey: c.publicKey as string, signature: c.signature as string };
}

/** The name a checkpoint is saved under: when and how many entries, so a folder of them sorts. */
export const checkpointFilename = (c: Pick<api.AuditCheckpoint, 'at' | 'entries'>): string => `dondoc-diem-kiem-tra-${c.at.slice(0, 19).replace(/[:T]/g, '-')}-${c.entries}-muc.json`;

export const useAuditStore = defineStore('audit', () => {
  const verdict = ref<api.AuditVerdict | null>(null);
  const verifying = ref(false);
  const checkpoint = ref<api.AuditCheckpoint | null>(null);
  const against = ref<(api.AuditVerdict & { file: string }) | null>(null);
  const error = ref<string | null>(null);
  /** What went wrong with the last checkpoint file, shown beside the file picker. */
  const fileError = ref<string | null>(null);

  async function verify(): Promise<void> {
    verifying.value = true;
    error.value = null;
    try {
      verdict.value = await api.verifyAudit();
    } catch (e) {
      error.value = apiMessage(e);
    } finally {
      verifying.value = false;
    }
  }

  async function takeCheckpoint(): Promise<api.AuditCheckpoint | null> {
    error.value = null;
    try {
      checkpoint.value = await api.getCheckpoint();
    } catch (e) {
      error.value = apiMessage(e);
    }
    return checkpoint.value;
  }

  /** Verifies the log against a kept checkpoint file's text; a file that is not one is refused before sending. */
  async function verifyFile(name: string, text: string): Promise<void> {
    fileError.value = null;
    against.value = null;
    try {
      against.value = { ...(await api.verifyAgainst(readCheckpointFile(text))), file: name };
    } catch (e) {
      fileError.value = e instanceof CheckpointFileError ? e.message : apiMessage(e);
    }
  }

  return { verdict, verifying, checkpoint, against, error, fileError, verify, takeCheckpoint, verifyFile };
});
