// `npm run bench -- <name> [options]`: runs one benchmark and prints its JSON report on stdout.
import { overhead } from "./overhead.js";

const BENCHES: Record<string, (argv: string[]) => Promise<Record<string, unknown>>> = { overhead };

const [name, ...rest] = process.argv.slice(2);
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}> [--runs N]`);
  process.exit(2);
}
console.log(JSON.stringify(await bench(rest), null, 2));
