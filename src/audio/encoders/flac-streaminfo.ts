/**
 * Write the total sample count into a FLAC file's STREAMINFO. ffmpeg leaves it 0 ("unknown") when
 * writing to a pipe, so players could not show a duration; for a whole file we know it.
 * Layout: "fLaC", a 4-byte block header, then STREAMINFO, whose bytes 13..17 hold 4 bits of
 * channels/bps followed by the 36-bit total.
 */
export function setFlacTotalSamples(file: Buffer, totalSamples: number): void {
  if (file.length < 42 || file.toString("ascii", 0, 4) !== "fLaC" || (file[4]! & 0x7f) !== 0) {
    throw new Error("not a FLAC stream starting with STREAMINFO");
  }
  if (!Number.isInteger(totalSamples) || totalSamples < 0 || totalSamples >= 2 ** 36) {
    throw new RangeError(`total samples out of range: ${totalSamples}`);
  }
  const at = 8 + 13;
  file[at] = (file[at]! & 0xf0) | Math.floor(totalSamples / 2 ** 32);
  file.writeUInt32BE(totalSamples % 2 ** 32, at + 1);
}
