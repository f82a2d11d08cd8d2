// Child-process entry for one variant measurement: receives a VariantJob over IPC, answers with the result
// (or { error }), then exits. See compare-variants.ts.
import { measureLoad, measureRun, type VariantJob } from "./measure-variant.js";

process.once("message", (job: VariantJob) => {
  const work = job.phase === "load" ? measureLoad(job) : measureRun(job);
  work.then(
    (result) => process.send?.({ result }, () => process.exit(0)),
    (err: unknown) => process.send?.({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(1)),
  );
});
