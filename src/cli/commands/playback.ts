import type { Command } from "commander";
import { daemonControl } from "../../player/daemon-client.js";
import { daemonPort } from "../../player/defaults.js";
import { portFlag } from "../errors.js";

const ACTIONS = {
  stop: "stop what the audio daemon is playing and clear its queue",
  pause: "pause playback (the audio clock really stops)",
  resume: "resume paused playback",
  skip: "skip to the next queued utterance",
} as const;

/** `kokoro stop|pause|resume|skip`: one HTTP call to the daemon, with its token; none running is not an error. */
export function registerPlayback(program: Command): void {
  for (const [action, description] of Object.entries(ACTIONS) as [keyof typeof ACTIONS, string][]) {
    program
      .command(action)
      .description(description)
      .option("--daemon-port <port>", "the daemon's port (default: $KOKORO_DAEMON_PORT, else 8881)")
      .action(async (flags: { daemonPort?: string }) => {
        const port = daemonPort(portFlag(flags.daemonPort, "--daemon-port", "KOKORO_DAEMON_PORT", 1));
        const state = await daemonControl(port, action);
        console.log(state === undefined ? `no kokoro daemon on 127.0.0.1:${port}; nothing to ${action}` : state);
      });
  }
}
