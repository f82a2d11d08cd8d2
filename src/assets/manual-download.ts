// Text that tells a person how to fetch files by hand when this machine cannot reach the network.

export interface ManualFile {
  readonly url: string;
  /** Absolute path the file must end up at. */
  readonly dest: string;
  readonly size?: number;
  readonly approxBytes?: number;
  readonly sha256?: string;
}

/** The hint for model and voice files; lexicons have their own. */
export const LOCAL_MODEL_HINT =
  "Or use files you already have: kokoro serve --model PATH/TO/model.onnx --voices PATH/TO/voices-v1.0.bin " +
  "(or set KOKORO_MODEL and KOKORO_VOICES).";

/** Files listed one by one; above this, the rest are summarized (the 54 voice files). */
const MAX_LISTED = 4;

export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(1)} kB`;
  return `${bytes} B`;
}

function describe(file: ManualFile): string {
  const facts: string[] = [];
  if (file.size !== undefined) facts.push(`${file.size} bytes`);
  else if (file.approxBytes !== undefined) facts.push(`about ${formatBytes(file.approxBytes)}`);
  if (file.sha256 !== undefined) facts.push(`sha256 ${file.sha256}`);
  const tail = facts.length > 0 ? `\n    (${facts.join(", ")})` : "";
  return `  ${file.url}\n    -> save as ${file.dest}${tail}`;
}

/** "Download these URLs and save them exactly here", then `hint`. */
export function manualDownloadInstructions(files: readonly ManualFile[], hint: string = LOCAL_MODEL_HINT): string {
  const listed = files.slice(0, MAX_LISTED).map(describe);
  const rest = files.length - listed.length;
  if (rest > 0) listed.push(`  ... and ${rest} more files from the same folder, saved next to the ones above`);
  const noun = files.length === 1 ? "this file" : "these files";
  return [`Download ${noun} on a machine with network access and put ${files.length === 1 ? "it" : "them"} here:`, ...listed, hint].join(
    "\n",
  );
}
