// The three commands as Raycast runs them, with only @raycast/api replaced (test/raycast-fake.ts): real HTTP to
// local stand-ins for kokoro-server and the daemon, and a real `kokoro daemon` process when the daemon is down.

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { act } from "react";
import { create, type ReactTestInstance, type ReactTestRenderer } from "react-test-renderer";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { START_SERVER_HINT } from "../src/lib/errors";
import SpeakSelectedText from "../src/speak-selected-text";
import SpeakText from "../src/speak-text";
import StopSpeaking from "../src/stop-speaking";
import { installFailingKokoro, installFakeKokoro, type FakeKokoro } from "./fake-kokoro";
import { freePort, startFakeDaemon, startFakeKokoroServer, writeDaemonToken, type TestServer } from "./helpers";
import { Action, environment, fake, Form } from "./raycast-fake";

vi.mock("@raycast/api", () => import("./raycast-fake"));

// Where kokoro (and the fake daemon) keep the daemon's token in these tests: $KOKORO_HOME/run.
const kokoroHome = mkdtempSync(join(tmpdir(), "kokoro-raycast-home-"));
process.env.KOKORO_HOME = kokoroHome;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
beforeEach(() => fake.reset());
afterAll(() => {
  rmSync(environment.supportPath, { recursive: true, force: true });
  rmSync(kokoroHome, { recursive: true, force: true });
});

async function server(options?: Parameters<typeof startFakeKokoroServer>[0]): Promise<TestServer> {
  const s = await startFakeKokoroServer(options);
  cleanups.push(() => s.close());
  return s;
}

const DAEMON_TOKEN = "test-daemon-token";

/** A running daemon that wants its token, which it wrote where kokoro writes it (unless `writeToken` is false). */
async function daemon({ writeToken = true } = {}): Promise<TestServer> {
  const d = await startFakeDaemon({ token: DAEMON_TOKEN });
  cleanups.push(() => d.close());
  if (writeToken) writeDaemonToken(d.url, DAEMON_TOKEN);
  return d;
}

function kokoro(make: () => FakeKokoro = installFakeKokoro): FakeKokoro {
  const k = make();
  cleanups.push(() => k.cleanup());
  return k;
}

const failures = () => fake.shownToasts().filter((t) => t.style === "FAILURE");
const plays = (d: TestServer) => d.requests.filter((r) => r.method === "POST" && r.path === "/play");

describe("Speak Selected Text", () => {
  it("sends the selected text with the preferred voice, speed and server to the daemon's /play", async () => {
    const s = await server();
    const d = await daemon();
    const k = kokoro();
    fake.preferences = { serverUrl: s.url, daemonUrl: d.url, voice: "bf_emma", speed: "1.5", kokoroPath: k.command };
    fake.selectedText = "  Hello from Raycast.\n";

    await SpeakSelectedText();

    expect(failures()).toEqual([]);
    expect(plays(d).map((r) => r.body)).toEqual([
      { text: "Hello from Raycast.", voice: "bf_emma", speed: 1.5, server: s.url, mode: "replace" },
    ]);
    expect(plays(d)[0]?.headers.authorization).toBe(`Bearer ${DAEMON_TOKEN}`);
    expect(fake.huds).toEqual(["Speaking with bf_emma"]);
    expect(k.pid()).toBeUndefined(); // the daemon was running: nothing started
  });

  it("uses the defaults when the preferences are left empty, and adds apiKey only when set", async () => {
    const s = await server();
    const d = await daemon();
    fake.selectedText = "One";
    fake.preferences = { serverUrl: `${s.url}/`, daemonUrl: d.url, voice: "", speed: "", apiKey: "" };
    await SpeakSelectedText();
    fake.preferences = { ...fake.preferences, apiKey: "sk-secret" };
    fake.selectedText = "Two";
    await SpeakSelectedText();

    // No speed: the server's default applies.
    expect(plays(d).map((r) => r.body)).toEqual([
      { text: "One", voice: "af_heart", server: s.url, mode: "replace" },
      { text: "Two", voice: "af_heart", server: s.url, mode: "replace", apiKey: "sk-secret" },
    ]);
  });

  it("sends no speed with a preset from Other Voice unless the Speed preference is set", async () => {
    const s = await server();
    const d = await daemon();
    fake.selectedText = "Once upon a time";
    // As Raycast hands over an untouched Speed preference (no default in the manifest).
    fake.preferences = { serverUrl: s.url, daemonUrl: d.url, customVoice: "grandpa" };
    await SpeakSelectedText();
    fake.preferences = { ...fake.preferences, speed: "1.2" };
    await SpeakSelectedText();

    expect(plays(d).map((r) => r.body)).toEqual([
      { text: "Once upon a time", voice: "grandpa", server: s.url, mode: "replace" },
      { text: "Once upon a time", voice: "grandpa", speed: 1.2, server: s.url, mode: "replace" },
    ]);
  });

  it("shows a toast and speaks nothing when no text is selected", async () => {
    const s = await server();
    const d = await daemon();
    fake.preferences = { serverUrl: s.url, daemonUrl: d.url };
    fake.selectedText = new Error("Cannot copy selected text from frontmost application.");
    await SpeakSelectedText();
    fake.selectedText = "   \n ";
    await SpeakSelectedText();

    expect(failures().map((t) => t.title)).toEqual(["No text selected", "No text selected"]);
    expect(failures()[0]?.message).toContain("Accessibility");
    expect(d.requests).toEqual([]);
    expect(fake.huds).toEqual([]);
  });

  it("says how to start the server when kokoro-server is down, and starts no daemon", async () => {
    const d = await daemon();
    const k = kokoro();
    fake.preferences = {
      serverUrl: `http://127.0.0.1:${await freePort()}`,
      daemonUrl: `http://127.0.0.1:${await freePort()}`,
      kokoroPath: k.command,
    };
    fake.selectedText = "Hello";

    await SpeakSelectedText();

    expect(failures()).toHaveLength(1);
    expect(failures()[0]?.title).toBe("Kokoro server is not running");
    expect(failures()[0]?.message).toContain(START_SERVER_HINT);
    expect(START_SERVER_HINT).toBe("Start it with `kokoro serve` (or `npm start` in kokoro-server)");
    expect(k.pid()).toBeUndefined();
    expect(d.requests).toEqual([]);
    expect(fake.huds).toEqual([]);
  });

  it("asks to wait while the server is still loading", async () => {
    const s = await server({ health: "loading" });
    const d = await daemon();
    fake.preferences = { serverUrl: s.url, daemonUrl: d.url };
    fake.selectedText = "Hello";
    await SpeakSelectedText();
    expect(failures().map((t) => t.title)).toEqual(["Kokoro server is still starting"]);
    expect(plays(d)).toEqual([]);
  });

  it("starts `kokoro daemon` when the daemon is down, waits for it, then plays (real process)", async () => {
    const s = await server();
    const k = kokoro();
    const port = await freePort();
    fake.preferences = {
      serverUrl: s.url,
      daemonUrl: `http://127.0.0.1:${port}`,
      kokoroPath: k.command,
      voice: "am_michael",
    };
    fake.selectedText = "Started on demand";

    await SpeakSelectedText();

    expect(failures()).toEqual([]);
    expect(k.pid()).toBeGreaterThan(0);
    expect(k.argv()?.args).toEqual(["daemon", "--port", String(port), "--server", s.url]);
    expect(k.argv()?.path.split(":")).toEqual(expect.arrayContaining(["/opt/homebrew/bin", "/usr/local/bin"]));
    const requests = k.requests();
    expect(requests.filter((r) => r.path === "/health").length).toBeGreaterThanOrEqual(1);
    expect(requests.filter((r) => r.path === "/play").map((r) => [r.body, r.authorized])).toEqual([
      [{ text: "Started on demand", voice: "am_michael", server: s.url, mode: "replace" }, true],
    ]);
    // "Starting the Kokoro daemon…" was shown, then hidden for the HUD.
    expect(fake.toasts.map((t) => [t.title, t.hidden])).toEqual([["Starting the Kokoro daemon…", true]]);
    expect(fake.huds).toEqual(["Speaking with am_michael"]);
    // Its output went to the log in the extension's support folder.
    expect(readFileSync(join(environment.supportPath, "daemon.log"), "utf8")).toContain(
      `fake kokoro daemon starting on port ${port}`,
    );
  });

  it("shows why the daemon did not start, with its log", async () => {
    const s = await server();
    const k = kokoro(installFailingKokoro);
    fake.preferences = { serverUrl: s.url, daemonUrl: `http://127.0.0.1:${await freePort()}`, kokoroPath: k.command };
    fake.selectedText = "Hello";

    await SpeakSelectedText();

    expect(failures()).toHaveLength(1);
    expect(failures()[0]?.title).toBe("Kokoro daemon did not start");
    expect(failures()[0]?.message).toContain("error: unknown command 'daemon'");
    expect(failures()[0]?.message).toContain(join(environment.supportPath, "daemon.log"));
    // The "Starting…" toast became the failure (one toast, not two).
    expect(fake.toasts).toHaveLength(1);
  });

  it("says to set the Kokoro Command preference when kokoro cannot be found", async () => {
    const s = await server();
    fake.preferences = {
      serverUrl: s.url,
      daemonUrl: `http://127.0.0.1:${await freePort()}`,
      kokoroPath: "/nonexistent/bin/kokoro",
    };
    fake.selectedText = "Hello";
    await SpeakSelectedText();
    expect(failures().map((t) => t.title)).toEqual(["Cannot start the Kokoro daemon"]);
    expect(failures()[0]?.message).toContain("Kokoro Command preference");
  });

  it("says the daemon refused it, and where the token should be, when there is no token file for it", async () => {
    const s = await server();
    const d = await daemon({ writeToken: false });
    fake.preferences = { serverUrl: s.url, daemonUrl: d.url };
    fake.selectedText = "Hello";
    await SpeakSelectedText();

    const tokenFile = join(kokoroHome, "run", `daemon-${d.port}.token`);
    expect(failures()).toEqual([
      {
        style: "FAILURE",
        title: "Kokoro daemon refused the extension",
        message: expect.stringContaining(`No token at ${tokenFile}`) as string,
      },
    ]);
    expect(plays(d).map((r) => r.headers.authorization)).toEqual([undefined]);
    expect(fake.huds).toEqual([]);
  });

  it("reports an unusable preference", async () => {
    fake.preferences = { speed: "fast" };
    fake.selectedText = "Hello";
    await SpeakSelectedText();
    expect(failures()).toEqual([
      { style: "FAILURE", title: "Invalid preference: Speed", message: "'fast' is not a number" },
    ]);
  });
});

describe("Stop Speaking", () => {
  it("posts /stop to the daemon", async () => {
    const d = await daemon();
    fake.preferences = { daemonUrl: d.url };
    await StopSpeaking();
    expect(d.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
      `POST /stop Bearer ${DAEMON_TOKEN}`,
    ]);
    expect(fake.huds).toEqual(["Stopped speaking"]);
    expect(failures()).toEqual([]);
  });

  it("starts no daemon just to stop it", async () => {
    const k = kokoro();
    fake.preferences = { daemonUrl: `http://127.0.0.1:${await freePort()}`, kokoroPath: k.command };
    await StopSpeaking();
    expect(fake.huds).toEqual(["Nothing to stop: the Kokoro daemon is not running"]);
    expect(k.pid()).toBeUndefined();
    expect(failures()).toEqual([]);
  });
});

describe("Speak Text", () => {
  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    // react-test-renderer (pinned to Raycast's React 19.0) warns that it is deprecated on each create().
    const original = console.error;
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      if (typeof args[0] === "string" && args[0].startsWith("react-test-renderer is deprecated")) return;
      original(...args);
    });
  });

  async function render(): Promise<ReactTestRenderer> {
    let renderer: ReactTestRenderer | undefined;
    await act(async () => {
      renderer = create(<SpeakText />);
    });
    const r = renderer!;
    cleanups.push(() => act(() => r.unmount()));
    return r;
  }

  interface DropdownProps {
    value: string;
    onChange: (value: string) => void;
  }
  interface FieldProps {
    defaultValue?: string;
    error?: string;
  }
  interface SubmitProps {
    title: string;
    onSubmit: (values: { text: string; voice: string; speed: string }) => Promise<void>;
  }

  const props = <T,>(instance: ReactTestInstance): T => instance.props as T;
  const items = (r: ReactTestRenderer) =>
    r.root.findAllByType(Form.Dropdown.Item).map((i) => props<{ value: string; title: string }>(i));
  const dropdown = (r: ReactTestRenderer) => props<DropdownProps>(r.root.findByType(Form.Dropdown));
  const submit = (r: ReactTestRenderer, title: string) =>
    r.root
      .findAllByType(Action.SubmitForm)
      .map((a) => props<SubmitProps>(a))
      .find((p) => p.title === title)!;

  /** Lets React apply state updates (each act() flushes them when it ends) until `condition` holds. */
  async function settle(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
    }
  }
  const waitForVoices = (r: ReactTestRenderer, count: number) =>
    settle(() => items(r).length === count, `${count} voices`);

  it("fills the voice dropdown from /v1/audio/voices, with the Voice preference selected", async () => {
    const s = await server({ apiKey: "sk-1" });
    fake.preferences = { serverUrl: s.url, voice: "bf_emma", speed: "1.25", apiKey: "sk-1" };

    const r = await render();
    expect(dropdown(r).value).toBe("bf_emma");
    await waitForVoices(r, 3);

    expect(items(r)).toEqual([
      { value: "af_heart", title: "af_heart — English (US), female" },
      { value: "am_michael", title: "am_michael — English (US), male" },
      { value: "bf_emma", title: "bf_emma — English (UK), female" },
    ]);
    // In one section per language.
    const sections = r.root
      .findAllByType(Form.Dropdown.Section)
      .map((s) => [props<{ title: string }>(s).title, s.findAllByType(Form.Dropdown.Item).length]);
    expect(sections).toEqual([
      ["English (US)", 2],
      ["English (UK)", 1],
    ]);
    expect(dropdown(r).value).toBe("bf_emma");
    expect(props<FieldProps>(r.root.findByType(Form.TextField)).defaultValue).toBe("1.25");
    expect(s.requests.find((q) => q.path === "/v1/audio/voices")?.headers.authorization).toBe("Bearer sk-1");
    expect(failures()).toEqual([]);
  });

  it("speaks the form's text with the chosen voice and speed, or queues it", async () => {
    const s = await server();
    const d = await daemon();
    fake.preferences = { serverUrl: s.url, daemonUrl: d.url };
    const r = await render();
    await waitForVoices(r, 3);

    await act(() => submit(r, "Speak").onSubmit({ text: " First ", voice: "am_michael", speed: "0.8" }));
    await act(() => submit(r, "Add to Queue").onSubmit({ text: "Second", voice: "bf_emma", speed: "2" }));

    expect(plays(d).map((q) => q.body)).toEqual([
      { text: "First", voice: "am_michael", speed: 0.8, server: s.url, mode: "replace" },
      { text: "Second", voice: "bf_emma", speed: 2, server: s.url, mode: "queue" },
    ]);
    expect(fake.shownToasts().map((t) => [t.style, t.title])).toEqual([
      ["SUCCESS", "Speaking"],
      ["SUCCESS", "Queued"],
    ]);
  });

  it("sends no speed when the Speed field is left as it starts (blank, the Speed preference unset)", async () => {
    const s = await server();
    const d = await daemon();
    fake.preferences = { serverUrl: s.url, daemonUrl: d.url, customVoice: "grandpa" };
    const r = await render();
    await waitForVoices(r, 4);
    const field = props<FieldProps & { placeholder?: string }>(r.root.findByType(Form.TextField));
    expect(field.defaultValue).toBe("");
    expect(field.placeholder).toContain("Server default");

    // The form as Raycast submits it: the untouched field's value, then one the user typed.
    await act(() => submit(r, "Speak").onSubmit({ text: "Hello", voice: "grandpa", speed: field.defaultValue ?? "" }));
    await act(() => submit(r, "Speak").onSubmit({ text: "Hello", voice: "grandpa", speed: "1.1" }));

    expect(plays(d).map((q) => q.body)).toEqual([
      { text: "Hello", voice: "grandpa", server: s.url, mode: "replace" },
      { text: "Hello", voice: "grandpa", speed: 1.1, server: s.url, mode: "replace" },
    ]);
    expect(fake.shownToasts().map((t) => t.message)).toEqual(["grandpa", "grandpa, speed 1.1"]);
  });

  it("flags an empty text or a bad speed on the fields and sends nothing", async () => {
    const s = await server();
    const d = await daemon();
    fake.preferences = { serverUrl: s.url, daemonUrl: d.url };
    const r = await render();
    await waitForVoices(r, 3);

    await act(() => submit(r, "Speak").onSubmit({ text: "  ", voice: "af_heart", speed: "9" }));

    expect(props<FieldProps>(r.root.findByType(Form.TextArea)).error).toBe("Type something to speak");
    expect(props<FieldProps>(r.root.findByType(Form.TextField)).error).toBe("must be between 0.25 and 4");
    expect(plays(d)).toEqual([]);
  });

  it("tells how to start the server when it is down, and still offers the preferred voice", async () => {
    fake.preferences = { serverUrl: `http://127.0.0.1:${await freePort()}`, voice: "am_michael" };
    const r = await render();
    await settle(
      () => failures().length > 0 && !props<{ isLoading: boolean }>(r.root.findByType(Form)).isLoading,
      "a failure toast",
    );

    expect(failures()).toEqual([
      {
        style: "FAILURE",
        title: "Kokoro server is not running",
        message: expect.stringContaining(START_SERVER_HINT) as string,
      },
    ]);
    expect(items(r).map((i) => i.value)).toEqual(["am_michael"]);
  });

  it("stops speaking from its action panel", async () => {
    const s = await server();
    const d = await daemon();
    fake.preferences = { serverUrl: s.url, daemonUrl: d.url };
    const r = await render();
    const stop = r.root.findAllByType(Action).map((a) => props<{ title: string; onAction: () => Promise<void> }>(a));
    expect(stop.map((a) => a.title)).toEqual(["Stop Speaking"]);
    await act(() => stop[0]!.onAction());
    expect(d.requests.map((q) => `${q.method} ${q.path}`)).toEqual(["POST /stop"]);
  });
});

describe("the fake Raycast API", () => {
  it("is what the commands import", async () => {
    const api = await import("@raycast/api");
    expect(api.environment.supportPath).toBe(environment.supportPath);
    expect(existsSync(environment.supportPath)).toBe(true);
  });
});
