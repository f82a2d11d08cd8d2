// Positional reads of a file, synchronous on purpose: a voice is read on its first use, inside a synchronous style
// lookup, and one voice is ~0.5 MB (well under a millisecond from the page cache). Start-up reads only headers.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** Byte ranges of one open file. */
export interface FileRanges {
  readonly path: string;
  readonly size: number;
  /** Exactly `length` bytes from `position`; throws when the file ends first. */
  read(position: number, length: number): Uint8Array;
}

/** Opens `path`, lets `use` read ranges of it, and closes it again (also when `use` throws). */
export function withFileRanges<T>(path: string, use: (file: FileRanges) => T): T {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    return use({
      path,
      size,
      read: (position, length) => {
        const out = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const n = readSync(fd, out, done, length - done, position + done);
          if (n === 0) throw new Error(`${path} ends at byte ${position + done}, before the ${length} bytes read from ${position} (truncated or changed?)`);
          done += n;
        }
        return out;
      },
    });
  } finally {
    closeSync(fd);
  }
}
