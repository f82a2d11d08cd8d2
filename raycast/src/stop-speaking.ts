import { showHUD } from "@raycast/api";
import { stopSpeaking } from "./lib/speak";
import { loadSettings, showFailure } from "./lib/ui";

/** No-view command: POST /stop to the daemon (which also clears its queue). Never starts the daemon. */
export default async function StopSpeaking(): Promise<void> {
  try {
    const result = await stopSpeaking(loadSettings());
    await showHUD(
      result.outcome === "stopped" ? "Stopped speaking" : "Nothing to stop: the Kokoro daemon is not running",
    );
  } catch (err) {
    await showFailure(err);
  }
}
