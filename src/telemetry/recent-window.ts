/** The last `size` values of a measurement, for percentiles over recent requests (/status). */
export class RecentWindow {
  private readonly values: number[] = [];
  private next = 0;

  constructor(private readonly size = 200) {}

  add(value: number): void {
    if (!Number.isFinite(value)) return;
    if (this.values.length < this.size) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
  }

  get count(): number {
    return this.values.length;
  }

  /** Nearest-rank percentile (p in 0..100) of the values in the window; null when it is empty. */
  percentile(p: number): number | null {
    if (this.values.length === 0) return null;
    const sorted = [...this.values].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
  }

  summary(): { count: number; p50: number | null; p95: number | null } {
    return { count: this.count, p50: this.percentile(50), p95: this.percentile(95) };
  }
}
