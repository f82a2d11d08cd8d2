// `npm run bench -- <name> [options]`: runs one benchmark and prints its JSON report on stdout. Every bench that
// runs a model takes `--model shaped|light|v1|heavy|FILE` (bench/model-option.ts); g2p and g2p-accuracy run none.
import { balancer } from "./balancer.js";
import { concurrency } from "./concurrency.js";
import { g2p } from "./g2p.js";
import { g2pAccuracy } from "./g2p-accuracy.js";
import { load } from "./load.js";
import { normalizeAccuracy } from "./normalize-accuracy.js";
import { memory } from "./memory.js";
import { overhead } from "./overhead.js";
import { peers } from "./peers.js";
import { profile } from "./profile.js";
import { say } from "./say.js";
import { serverMemory } from "./server-memory.js";
import { startup } from "./startup.js";
import { streaming } from "./streaming.js";
import { variants } from "./variants.js";

const BENCHES: Record<string, (argv: string[]) => Promise<Record<string, unknown>>> = { overhead, g2p, "g2p-accuracy": g2pAccuracy, "normalize-accuracy": normalizeAccuracy, streaming, concurrency, say, variants, load, memory, peers, balancer, startup, profile, "server-memory": serverMemory };

const [name, ...rest] = process.argv.slice(2);
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}> [options]`);
  process.exit(2);
}
console.log(JSON.stringify(await bench(rest), null, 2));
