// What the installed onnxruntime-node offers on this machine, and the execution providers behind each --device.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import ort from "onnxruntime-node";
import { DEVICES, type Device, type ProviderCandidate } from "./types.js";

/** onnxruntime execution providers for each device. ORT adds its CPU provider for any node the first cannot run. */
const EXECUTION_PROVIDERS: Readonly<Record<Device, readonly string[]>> = {
  cpu: ["cpu"],
  cuda: ["cuda"],
  coreml: ["coreml"],
  dml: ["dml"],
  // Bundled with onnxruntime-node: a GPU without CUDA, through Vulkan (Linux), D3D12 (Windows) or Metal (macOS).
  webgpu: ["webgpu"],
};

export const CPU_CANDIDATE: ProviderCandidate = { name: "cpu", executionProviders: EXECUTION_PROVIDERS.cpu };

export function candidateFor(device: Device): ProviderCandidate {
  return { name: device, executionProviders: EXECUTION_PROVIDERS[device] };
}

export interface OrtBackend {
  readonly name: string;
  /** Shipped inside the npm package; otherwise installed separately (CUDA: by the package's install script). */
  readonly bundled: boolean;
}

export interface OrtPlatform {
  readonly version: string;
  readonly backends: readonly OrtBackend[];
}

export function ortPlatform(): OrtPlatform {
  return {
    version: ort.env.versions.common,
    backends: ort.listSupportedBackends().map((b) => ({ name: b.name, bundled: b.bundled })),
  };
}

/** The folder of onnxruntime-node's native binding, where separately installed provider libraries go. */
function bindingDir(): string {
  const entry = createRequire(import.meta.url).resolve("onnxruntime-node");
  return path.join(path.dirname(entry), "..", "bin", "napi-v6", process.platform, process.arch);
}

/** Where a separately installed provider library (e.g. CUDA's) goes, next to the binding. */
function providerLibraryPath(name: string): string {
  const file = process.platform === "win32" ? `onnxruntime_providers_${name}.dll` : `libonnxruntime_providers_${name}.so`;
  return path.join(bindingDir(), file);
}

/** Whether a separately installed provider library (e.g. CUDA's) is present next to the binding. */
function providerLibraryInstalled(name: string): boolean {
  return existsSync(providerLibraryPath(name));
}

/**
 * Why a session asking for `executionProviders` cannot load here: one of them is installed separately
 * (CUDA) and its library is missing. null when nothing is known to be missing. Checked before onnxruntime is
 * asked, which would fail too but also print its own "Failed to load library" line to stderr.
 */
export function missingProviderLibrary(executionProviders: readonly string[], platform: OrtPlatform = ortPlatform()): string | null {
  for (const name of executionProviders) {
    const backend = platform.backends.find((b) => b.name === name);
    if (!backend || backend.bundled || providerLibraryInstalled(name)) continue;
    const how = name === "cuda" ? " (`npm run install-cuda` fetches it)" : "";
    return `the ${name} execution provider is not installed: ${providerLibraryPath(name)} is missing${how}`;
  }
  return null;
}

export interface AutoCandidates {
  /** Non-CPU devices worth benchmarking here. */
  readonly candidates: readonly ProviderCandidate[];
  /** Backends onnxruntime lists that `auto` leaves out, and why. */
  readonly skipped: ReadonlyArray<{ readonly name: string; readonly why: string }>;
}

/** Where Linux's Vulkan loader looks for GPU drivers (ICD manifests), and the variables that name them instead. */
const VULKAN_ICD_DIRS = ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d", "/usr/local/share/vulkan/icd.d"];

/**
 * Whether WebGPU can find a GPU here without asking it: on Linux it needs a Vulkan driver, and asking without one
 * costs a second and prints Vulkan's own warnings to stderr. Windows (D3D12) and macOS (Metal) always have a way.
 */
export function webgpuDriverPresent(env: NodeJS.ProcessEnv = process.env, icdDirs: readonly string[] = VULKAN_ICD_DIRS): boolean {
  if (process.platform !== "linux") return true;
  if (env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES) return true;
  return icdDirs.some((dir) => {
    try {
      return readdirSync(dir).some((f) => f.endsWith(".json"));
    } catch {
      return false;
    }
  });
}

/**
 * The devices `auto` benchmarks against the CPU: every backend onnxruntime-node lists here that is a
 * --device choice, except one whose separately installed library is missing (trying it would only fail), and
 * WebGPU where no GPU driver is installed. TensorRT needs TensorRT itself installed: it is left out.
 */
export function autoCandidates(platform: OrtPlatform = ortPlatform(), webgpuUsable: () => boolean = webgpuDriverPresent): AutoCandidates {
  const candidates: ProviderCandidate[] = [];
  const skipped: Array<{ name: string; why: string }> = [];
  for (const backend of platform.backends) {
    if (backend.name === "cpu") continue;
    const device = DEVICES.find((d) => d === backend.name);
    if (!device) skipped.push({ name: backend.name, why: "not a --device choice" });
    else if (!backend.bundled && !providerLibraryInstalled(backend.name)) skipped.push({ name: backend.name, why: "provider library not installed" });
    else if (device === "webgpu" && !webgpuUsable()) skipped.push({ name: backend.name, why: "no GPU driver for WebGPU (no Vulkan ICD in /usr/share/vulkan/icd.d or /etc/vulkan/icd.d)" });
    else candidates.push(candidateFor(device));
  }
  return { candidates, skipped };
}
