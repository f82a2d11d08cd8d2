// Download progress for people: a cli-progress bar on a terminal, plain lines in logs and pipes.
// The same AssetProgress objects are what the server keeps for `/health` ("downloading n%").
import { Presets, SingleBar } from "cli-progress";
import { formatBytes } from "./manual-download.js";

export interface AssetProgress {
  /** Base name of the file that moved last, e.g. "model_quantized.onnx". */
  readonly fileName: string;
  /** Over every file of this download. */
  readonly bytesDone: number;
  /** Undefined until every size is known (catalogue size, Content-Length or release-note estimate). */
  readonly bytesTotal?: number;
  /** bytesDone / bytesTotal in [0, 1], when the total is known. */
  readonly fraction?: number;
  readonly filesDone: number;
  readonly fileCount: number;
}

export interface ProgressReporter {
  update(progress: AssetProgress): void;
  /** Ends the bar or prints the last line; call once, after success or failure. */
  finish(): void;
}

export type ProgressStream = NodeJS.WritableStream & { readonly isTTY?: boolean };

export interface ReporterOptions {
  /** Default process.stderr. */
  readonly stream?: ProgressStream;
  /** Force the bar on or off; default: whether `stream` is a TTY. */
  readonly tty?: boolean;
  /** Plain mode prints a line every 10% and at least this often (default 5 s). */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export function createProgressReporter(options: ReporterOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? stream.isTTY === true;
  return tty ? new BarReporter(stream) : new LineReporter(stream, options.intervalMs ?? 5000, options.now ?? Date.now);
}

function label(p: AssetProgress): string {
  return p.fileCount > 1 ? `${p.fileCount} files` : p.fileName;
}

function mb(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/** "downloading model_quantized.onnx: 42% (37.0/88.1 MB)", or without a total "…: 37.0 MB". */
export function formatProgressLine(p: AssetProgress): string {
  if (p.fraction === undefined || p.bytesTotal === undefined) return `downloading ${label(p)}: ${formatBytes(p.bytesDone)}`;
  const percent = Math.floor(p.fraction * 100);
  return `downloading ${label(p)}: ${percent}% (${mb(p.bytesDone)}/${mb(p.bytesTotal)} MB)`;
}

class LineReporter implements ProgressReporter {
  private last: AssetProgress | undefined;
  private printedBucket = -1;
  private printedAt = Number.NEGATIVE_INFINITY;
  private lastLine = "";

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  update(progress: AssetProgress): void {
    this.last = progress;
    const bucket = progress.fraction === undefined ? -1 : Math.floor(progress.fraction * 10);
    const due = this.now() - this.printedAt >= this.intervalMs;
    if (bucket > this.printedBucket || due) this.print(progress, bucket);
  }

  finish(): void {
    if (this.last && formatProgressLine(this.last) !== this.lastLine) this.print(this.last, this.printedBucket);
  }

  private print(progress: AssetProgress, bucket: number): void {
    this.printedBucket = Math.max(this.printedBucket, bucket);
    this.printedAt = this.now();
    this.lastLine = formatProgressLine(progress);
    this.stream.write(`${this.lastLine}\n`);
  }
}

class BarReporter implements ProgressReporter {
  private readonly bar: SingleBar;
  private started = false;

  constructor(stream: NodeJS.WritableStream) {
    this.bar = new SingleBar(
      {
        stream,
        format: "downloading {label} [{bar}] {percentage}% | {doneMB}/{totalMB} MB | ETA {eta_formatted}",
        hideCursor: true,
        barsize: 30,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
  }

  update(p: AssetProgress): void {
    // Until the total is known the bar tracks the bytes so far.
    const total = Math.max(p.bytesTotal ?? p.bytesDone, 1);
    const payload = { label: label(p), doneMB: mb(p.bytesDone), totalMB: p.bytesTotal === undefined ? "?" : mb(p.bytesTotal) };
    if (!this.started) {
      this.started = true;
      this.bar.start(total, p.bytesDone, payload);
      return;
    }
    if (total !== this.bar.getTotal()) this.bar.setTotal(total);
    this.bar.update(p.bytesDone, payload);
  }

  finish(): void {
    if (this.started) this.bar.stop();
  }
}
