import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Attachment files are stored once under DATA_DIR by their SHA-256. Written before the database
 * transaction that refers to them: a crash in between leaves an unreferenced file (harmless, and the
 * same bytes arriving again reuse it), never a row pointing at nothing.
 */
export function attachmentPath(dataDir: string, sha256: string): string {
  // Same layout as the tickets module's attachment store: attachments/ab/cd/<sha256>.
  return path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export async function storeAttachment(dataDir: string, sha256: string, content: Buffer): Promise<void> {
  const target = attachmentPath(dataDir, sha256);
  try {
    await fs.access(target);
    return;
  } catch {
    // not stored yet
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  // Write to a temporary name and rename: readers never see half a file.
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temporary, content);
  await fs.rename(temporary, target);
}
