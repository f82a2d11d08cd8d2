// Parsing of the HTTP Content-Range header (RFC 9110 §14.4) for single byte ranges.

export interface ContentRange {
  /** First byte of this response; undefined for the unsatisfied form `bytes *\/total`. */
  readonly start?: number;
  readonly end?: number;
  /** Full length of the resource, when the server knows it. */
  readonly total?: number;
}

const RANGE = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i;

export function parseContentRange(header: string | null): ContentRange | undefined {
  if (header === null) return undefined;
  const match = RANGE.exec(header.trim());
  if (!match) return undefined;
  const [, start, end, total] = match;
  const range: ContentRange = {
    start: start === undefined ? undefined : Number(start),
    end: end === undefined ? undefined : Number(end),
    total: total === undefined || total === "*" ? undefined : Number(total),
  };
  if (range.start !== undefined && range.end !== undefined && range.end < range.start) return undefined;
  return range;
}
