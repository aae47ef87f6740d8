import { errorMessage, type Api } from './api';
import { LIMITS, type Attachment } from './types';
import { IMAGE_TYPES } from './ui';
import { formatBytes } from './utils';

/** Why a file cannot be attached (type, empty, too large), or '' when it can; checked before any upload. */
export function attachmentProblem(file: File): string {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return `${file.name}: only PNG, JPEG, WebP and GIF images can be attached.`;
  if (file.size === 0) return `${file.name}: the file is empty.`;
  if (file.size > LIMITS.attachmentBytes) {
    return `${file.name}: the file is ${formatBytes(file.size)}; the limit is ${formatBytes(LIMITS.attachmentBytes)}.`;
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
    onprogress(`Uploading ${file.name} (${i + 1} of ${files.length})…`);
    try {
      outcome.uploaded.push(await client.uploadAttachment(postId, file));
    } catch (e) {
      outcome.failed.push(`${file.name}: ${errorMessage(e)}`);
    }
  }
  return outcome;
}
