import { getSelectedText, showHUD, showToast, Toast } from "@raycast/api";
import { NoTextError } from "./lib/errors";
import { speak } from "./lib/speak";
import { loadSettings, runtimeDeps, showFailure } from "./lib/ui";

/** No-view command: reads the frontmost app's selected text aloud through the daemon. */
export default async function SpeakSelectedText(): Promise<void> {
  // The "Starting the Kokoro daemon…" toast, when the daemon had to be started.
  const progress: { toast?: Promise<Toast> } = {};
  try {
    const settings = loadSettings();
    let text: string;
    try {
      text = await getSelectedText();
    } catch (err) {
      throw new NoTextError("selection", { cause: err });
    }
    const result = await speak(
      settings,
      { text, source: "selection" },
      runtimeDeps(() => {
        progress.toast = showToast({ style: Toast.Style.Animated, title: "Starting the Kokoro daemon…" });
      }),
    );
    await (await progress.toast)?.hide();
    await showHUD(`Speaking with ${result.voice}`);
  } catch (err) {
    await showFailure(err, await progress.toast?.catch(() => undefined));
  }
}
