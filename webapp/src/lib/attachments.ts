import { errorMessage, type Api } from './api';
import { t } from './i18n.svelte';
import { LIMITS, type Attachment } from './types';
import { IMAGE_TYPES } from './ui';
import { formatBytes } from './utils';

/** Why a file cannot be attached (type, empty, too large), or '' when it can; checked before any upload. */
export function attachmentProblem(file: File): string {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return t('upload.wrongType', { file: file.name });
  if (file.size === 0) return t('upload.empty', { file: file.name });
  if (file.size > LIMITS.attachmentBytes) {
    return t('upload.tooLarge', { file: file.name, size: formatBytes(file.size), limit: formatBytes(LIMITS.attachmentBytes) });
  }
  return '';
}

/** The images among files (pasted or dropped content also carries text and other files). */
export function imageFiles(files: FileList | File[] | null | undefined): File[] {
  return Array.from(files ?? []).filter((f) => f.type.startsWith('image/'));
}

export interface UploadOutcome {
  uploaded: Attachment[];
  /** One message per file that did not upload, naming the file. */
  failed: string[];
}

/**
 * Uploads files to a post one at a time (keeps memory flat, and the server's per-post limit applies in order).
 * A failed file is reported and the next one still goes; nothing here touches the post itself.
 */
export async function uploadAll(
  client: Pick<Api, 'uploadAttachment'>,
  postId: string,
  files: File[],
  onprogress: (text: string) => void = () => {},
): Promise<UploadOutcome> {
  const outcome: UploadOutcome = { uploaded: [], failed: [] };
  for (const [i, file] of files.entries()) {
    const problem = attachmentProblem(file);
    if (problem) {
      outcome.failed.push(problem);
      continue;
    }
    onprogress(t('upload.progress', { file: file.name, n: i + 1, total: files.length }));
    try {
      outcome.uploaded.push(await client.uploadAttachment(postId, file));
    } catch (e) {
      outcome.failed.push(t('upload.failed', { file: file.name, error: errorMessage(e) }));
    }
  }
  return outcome;
}
