import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Service } from "kubernetes-models/v1/Service";
import type { IContainer } from "kubernetes-models/v1/Container";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { ENV_KEYS } from "../../src/config/schema.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { haproxyBinary } from "../integration/balancer-haproxy.js";

// What can be checked of the deployment files without a container runtime or a cluster: the Kubernetes
// objects against the API's schemas (kubernetes-models), the settings against our config schema, and that
// the pieces agree with each other (ports, names, probes, grace periods). HAProxy checks its own config.
const K8S_DIR = path.join(REPO_ROOT, "deploy/k8s");
const read = (file: string): string => readFileSync(path.join(REPO_ROOT, file), "utf8");

type Manifest = { apiVersion: string; kind: string; metadata: { name: string } } & Record<string, unknown>;

function manifests(): Manifest[] {
  return readdirSync(K8S_DIR)
    .filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")
    .flatMap((f) => parseAllDocuments(readFileSync(path.join(K8S_DIR, f), "utf8")).map((d) => d.toJS() as Manifest));
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "apps/v1/Deployment": Deployment,
  "v1/Service": Service,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
};

function one<T extends Manifest>(kind: string): T {
  const found = manifests().filter((m) => m.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as T;
}

/** The KOKORO_* settings of a container, checked against the config schema (values parse, names exist). */
function kokoroEnv(entries: readonly { name: string; value?: string }[]): Record<string, string> {
  const env = Object.fromEntries(entries.filter((e) => e.name.startsWith("KOKORO_") && e.value !== undefined).map((e) => [e.name, e.value!]));
  for (const name of entries.map((e) => e.name).filter((n) => n.startsWith("KOKORO_"))) expect(Object.keys(ENV_KEYS), name).toContain(name);
  loadConfig({ env: { ...env, XDG_CONFIG_HOME: os.tmpdir() } }); // throws on a value the server would refuse
  return env;
}

describe("deploy/k8s", () => {
  it("every object is valid against the Kubernetes API schema, and kustomization lists every file", () => {
    const all = manifests();
    expect(all.map((m) => m.kind).sort()).toEqual(["Deployment", "HorizontalPodAutoscaler", "PersistentVolumeClaim", "PodDisruptionBudget", "Service"]);
    for (const m of all) {
      const Model = MODELS[`${m.apiVersion}/${m.kind}`];
      expect(Model, `${m.apiVersion} ${m.kind}`).toBeDefined();
      expect(() => new Model!(m as never).validate(), `${m.kind} ${m.metadata.name}`).not.toThrow();
    }
    const kustomization = parseYaml(readFileSync(path.join(K8S_DIR, "kustomization.yaml"), "utf8")) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual(readdirSync(K8S_DIR).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml").sort());
  });

  it("the Deployment probes /readyz and /livez, drains inside its grace period, and the other objects point at it", () => {
    const deployment = one<Manifest & { spec: Deployment["spec"] }>("Deployment");
    const pod = deployment.spec!.template.spec!;
    const server = pod.containers.find((c) => c.name === "kokoro") as IContainer;
    const env = kokoroEnv(server.env as { name: string; value?: string }[]);
    const http = server.ports!.find((p) => p.name === "http")!;
    expect(String(http.containerPort)).toBe(env.KOKORO_PORT);
    expect(server.readinessProbe!.httpGet).toMatchObject({ path: "/readyz", port: "http" });
    expect(server.livenessProbe!.httpGet).toMatchObject({ path: "/livez", port: "http" });

    // The kubelet SIGKILLs at terminationGracePeriodSeconds, counted from the start of preStop.
    const preStop = server.lifecycle!.preStop!.exec!.command!;
    expect(preStop[0]).toBe("sleep");
    const shutdownMs = Number(preStop[1]) * 1000 + Number(env.KOKORO_DRAIN_DELAY_MS ?? 0) + Number(env.KOKORO_SHUTDOWN_GRACE_MS);
    expect(pod.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(shutdownMs);

    expect(pod.securityContext!.runAsNonRoot).toBe(true);
    const volumes = new Map(pod.volumes!.map((v) => [v.name, v]));
    for (const c of [...pod.initContainers!, server]) for (const m of c.volumeMounts ?? []) expect(volumes.has(m.name), m.name).toBe(true);
    expect(pod.initContainers![0]!.args).toEqual(["download"]);
    kokoroEnv(pod.initContainers![0]!.env as { name: string; value?: string }[]);

    const labels = deployment.spec!.template.metadata!.labels!;
    expect(deployment.spec!.selector.matchLabels).toEqual(labels);
    const service = one<Manifest & { spec: Service["spec"] }>("Service");
    expect(labels).toMatchObject(service.spec!.selector!);
    expect(service.spec!.ports![0]!.targetPort).toBe("http");
    const pdb = one<Manifest & { spec: PodDisruptionBudget["spec"] }>("PodDisruptionBudget");
    expect(labels).toMatchObject(pdb.spec!.selector!.matchLabels!);
    const hpa = one<Manifest & { spec: HorizontalPodAutoscaler["spec"] }>("HorizontalPodAutoscaler");
    expect(hpa.spec!.scaleTargetRef).toMatchObject({ kind: "Deployment", name: deployment.metadata.name });
    const pvc = one("PersistentVolumeClaim");
    expect(volumes.get("kokoro-data")!.persistentVolumeClaim!.claimName).toBe(pvc.metadata.name);
  });
});

describe("compose.yaml, deploy/haproxy.cfg and the Dockerfile", () => {
  it("compose: replicas behind the balancer, settings the server accepts, a stop grace period above the drain", () => {
    const compose = parseYaml(read("compose.yaml"), { merge: true }) as {
      services: Record<string, { command?: string[]; environment?: Record<string, string>; stop_grace_period?: string; volumes?: string[]; deploy?: { replicas?: unknown } }>;
    };
    const kokoro = compose.services.kokoro!;
    expect(kokoro.command).toEqual(["serve"]);
    const env = Object.fromEntries(Object.entries(kokoro.environment!).filter(([, v]) => !v.startsWith("${")));
    kokoroEnv(Object.entries(kokoro.environment!).map(([name]) => ({ name })));
    kokoroEnv(Object.entries(env).map(([name, value]) => ({ name, value })));
    const graceS = Number(/^(\d+)s$/.exec(kokoro.stop_grace_period!)![1]);
    expect(graceS * 1000).toBeGreaterThan(Number(env.KOKORO_SHUTDOWN_GRACE_MS));
    expect(kokoro.deploy!.replicas).toBeDefined();
    const balancer = compose.services.balancer!;
    const cfg = balancer.volumes!.map((v) => v.split(":")[0]!).find((v) => v.endsWith("haproxy.cfg"))!;
    expect(existsSync(path.join(REPO_ROOT, cfg))).toBe(true);
    expect(compose.services.download!.command).toEqual(["download"]);
  });

  it("haproxy accepts deploy/haproxy.cfg, which health-checks /readyz", () => {
    const cfg = read("deploy/haproxy.cfg");
    expect(cfg).toMatch(/http-check send meth GET uri \/readyz/);
    const check = spawnSync(haproxyBinary(), ["-c", "-f", path.join(REPO_ROOT, "deploy/haproxy.cfg")], { encoding: "utf8" });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it("Dockerfile: multi-stage, non-root, HEALTHCHECK on /readyz, tini forwarding signals to node, copies only what exists", () => {
    const lines = read("Dockerfile").replace(/\\\n/g, " ").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    const instructions = lines.map((l) => ({ op: l.split(/\s+/)[0]!.toUpperCase(), args: l.slice(l.split(/\s+/)[0]!.length).trim() }));
    const ops = instructions.map((i) => i.op);
    expect(ops.filter((op) => op === "FROM").length).toBeGreaterThanOrEqual(2);
    const lastFrom = ops.lastIndexOf("FROM");
    const user = instructions.slice(lastFrom).find((i) => i.op === "USER");
    expect(user?.args).toMatch(/^(node|[1-9]\d*)$/);
    expect(instructions.find((i) => i.op === "HEALTHCHECK")!.args).toMatch(/\/readyz/);
    const entrypoint = JSON.parse(instructions.find((i) => i.op === "ENTRYPOINT")!.args) as string[];
    expect(entrypoint.slice(0, 3)).toEqual(["/usr/bin/tini", "--", "node"]);
    expect(instructions.find((i) => i.op === "EXPOSE")!.args).toBe("8880");
    // COPY from the build context (not --from a stage): every source is in the repository.
    for (const copy of instructions.filter((i) => i.op === "COPY" && !i.args.startsWith("--from"))) {
      for (const source of copy.args.split(/\s+/).slice(0, -1)) expect(existsSync(path.join(REPO_ROOT, source)), source).toBe(true);
    }
  });
});
