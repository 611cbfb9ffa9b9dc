import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Attachment files under DATA_DIR/attachments, named by the SHA-256 of their content, so the same file
 * attached a hundred times is stored once. A file is written to tmp/ while its hash is computed, made
 * durable (fsync), then renamed into place: a crash never leaves a half-written file under a real name.
 */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes.`);
    this.name = 'UploadTooLargeError';
  }
}

export interface StoredFile {
  sha256: string;
  sizeBytes: number;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

export function createAttachmentStore(dataDir: string) {
  const root = path.join(dataDir, 'attachments');
  const tmp = path.join(root, 'tmp');

  function pathFor(sha256: string): string {
    if (!sha256Pattern.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  return {
    root,
    pathFor,

    /**
     * Streams `source` to disk. Throws UploadTooLargeError past `maxBytes` (counted here too, not only
     * by the multipart parser, so no caller can forget the limit) and whatever the source throws; in
     * every failure the temporary file is removed.
     */
    async save(source: Readable, maxBytes: number, isTruncated: () => boolean = () => false): Promise<StoredFile> {
      await fs.promises.mkdir(tmp, { recursive: true });
      const temporary = path.join(tmp, `${crypto.randomUUID()}.part`);
      const hash = crypto.createHash('sha256');
      let sizeBytes = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          sizeBytes += chunk.length;
          if (sizeBytes > maxBytes) return callback(new UploadTooLargeError(maxBytes));
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      // Open before streaming, so the file exists (and is removed) whatever moment a failure comes at.
      const output = fs.createWriteStream(temporary, { flags: 'wx' });
      await once(output, 'open');
      try {
        await pipeline(source, measure, output);
        // The multipart parser stops at its limit and marks the stream truncated instead of failing.
        if (isTruncated()) throw new UploadTooLargeError(maxBytes);
        const handle = await fs.promises.open(temporary, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        const sha256 = hash.digest('hex');
        const target = pathFor(sha256);
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        if (fs.existsSync(target)) await fs.promises.rm(temporary, { force: true });
        else await fs.promises.rename(temporary, target);
        return { sha256, sizeBytes };
      } catch (error) {
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
    },

    open(sha256: string): fs.ReadStream {
      return fs.createReadStream(pathFor(sha256));
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
