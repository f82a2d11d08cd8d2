import { Worker } from "node:worker_threads";
const w = new Worker(new URL("./_seq.mjs", import.meta.url), { argv: process.argv.slice(2) });
w.on("exit", () => process.exit(0));
