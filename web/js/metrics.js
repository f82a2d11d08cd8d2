// Live figures for one playback: time to first audio, real-time factor, audio received and played.

const fmtS = (s) => `${s.toFixed(2)} s`;
const fmtBytes = (n) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(2)} MiB`);

/**
 * Writes the figures into elements found by `data-metric` inside `root` (each keeps its raw number in
 * `data-value` for scripts and tests) and into the `progress` element (played of received).
 */
export function createMetrics(root, progress) {
  const els = new Map([...root.querySelectorAll("[data-metric]")].map((el) => [el.dataset.metric, el]));
  const set = (name, value, text) => {
    const el = els.get(name);
    if (!el) return;
    el.dataset.value = value === null ? "" : String(value);
    el.textContent = text;
  };
  return {
    reset() {
      set("ttfa", null, "—");
      set("rtf", null, "—");
      set("received", 0, fmtS(0));
      set("played", 0, fmtS(0));
      set("bytes", 0, fmtBytes(0));
      set("timings", null, "—");
      progress.max = 1;
      progress.value = 0;
    },
    ttfa(ms) {
      set("ttfa", Math.round(ms), `${Math.round(ms)} ms`);
    },
    /** Generation time over audio seconds; `final` once the stream is done. */
    rtf(value, final) {
      set("rtf", Number(value.toFixed(4)), `${value.toFixed(3)}${final ? "" : " …"}`);
    },
    audio(receivedS, playedS, bytes) {
      set("received", Number(receivedS.toFixed(3)), fmtS(receivedS));
      set("played", Number(playedS.toFixed(3)), fmtS(playedS));
      set("bytes", bytes, fmtBytes(bytes));
      progress.max = Math.max(receivedS, 0.001);
      progress.value = playedS;
    },
    timings(estimated) {
      set("timings", estimated ? "estimated" : "model", estimated ? "estimated" : "from the model");
    },
  };
}
