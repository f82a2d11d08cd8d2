// The root package's `postinstall`: installs the Raycast extension's packages, so that `npm install` (and
// `npm ci`) sets up everything `npm test` needs. `pretest` runs it too, for a clone installed before this
// script existed or with --ignore-scripts (when everything is in place it only compares two files).
// raycast/ is a package of its own, with its own lockfile (the Raycast store builds it on its own), so it
// is not an npm workspace of the server.
//
// - `npm ci` in raycast/: exactly its lockfile, which is never rewritten. `--ignore-scripts`: the
//   extension's only install script is esbuild's binary check, which type-checking, linting and testing
//   the extension do not need.
// - Nothing to do when raycast/node_modules already holds what raycast/package-lock.json lists (a second
//   `npm install` costs nothing), when development dependencies are left out (`--omit=dev`,
//   NODE_ENV=production: the extension is only developed and tested here), and when this package is
//   installed into another project or globally rather than set up from a clone.
//
// Plain JavaScript on purpose: it runs before anything is built.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.join(root, "raycast");
const lockfile = path.join(dir, "package-lock.json");
/** What npm last installed into raycast/node_modules (npm's "hidden lockfile"). */
const installed = path.join(dir, "node_modules", ".package-lock.json");

function say(line) {
  console.log(`raycast/: ${line}`);
}

function samePath(a, b) {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** Why there is nothing to install, or null. */
function skipReason() {
  if (!existsSync(lockfile)) return "no raycast/package-lock.json here";
  const env = process.env;
  if (env.npm_config_global === "true") return "global install";
  if (env.npm_config_local_prefix && !samePath(env.npm_config_local_prefix, root)) return "installed as a dependency";
  const list = (value) => (value ?? "").split(/[\s,]+/).filter(Boolean);
  const omitDev = list(env.npm_config_omit).includes("dev") || (env.NODE_ENV === "production" && !list(env.npm_config_include).includes("dev"));
  if (omitDev) return "development dependencies are omitted";
  return null;
}

/** Whether raycast/node_modules holds exactly the packages raycast/package-lock.json lists. */
function upToDate() {
  if (!existsSync(installed)) return false;
  try {
    const wanted = JSON.parse(readFileSync(lockfile, "utf8")).packages ?? {};
    const have = JSON.parse(readFileSync(installed, "utf8")).packages ?? {};
    for (const [key, entry] of Object.entries(wanted)) {
      if (key === "") continue; // the extension itself
      const got = have[key];
      if (got === undefined) {
        if (entry.optional) continue; // another platform's binary
        return false;
      }
      if (got.version !== entry.version || got.integrity !== entry.integrity || got.link !== entry.link) return false;
    }
    return Object.keys(have).every((key) => key in wanted);
  } catch {
    return false;
  }
}

/** The npm that runs this script (so its version and settings carry over), else the one on PATH. */
function npmCommand() {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.[cm]?js$/.test(cli) && existsSync(cli)) return { command: process.execPath, args: [cli], shell: false };
  return { command: "npm", args: [], shell: process.platform === "win32" };
}

const skip = skipReason();
if (skip) {
  say(`not installing the Raycast extension's packages (${skip})`);
} else if (upToDate()) {
  say("the Raycast extension's packages are up to date");
} else {
  say("installing the Raycast extension's packages (npm ci)");
  const npm = npmCommand();
  const result = spawnSync(npm.command, [...npm.args, "ci", "--prefix", dir, "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: dir,
    stdio: "inherit",
    shell: npm.shell,
  });
  if (result.error) throw result.error;
  process.exitCode = result.status ?? 1;
}
