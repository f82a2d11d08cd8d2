// The thin layer between the plain modules and Raycast's API: preferences in, toasts out.

import { environment, getPreferenceValues, showToast, Toast } from "@raycast/api";
import { join } from "node:path";
import { toastForError } from "./errors";
import { parsePreferences, type RawPreferences, type Settings } from "./preferences";
import type { SpeakDeps } from "./speak";

export function loadSettings(): Settings {
  return parsePreferences(getPreferenceValues<RawPreferences>());
}

/** Where a daemon started by the extension writes its output. */
export function daemonLogFile(): string {
  return join(environment.supportPath, "daemon.log");
}

/** The runtime dependencies of speak(): real fetch and spawn, the daemon log in the extension's support folder. */
export function runtimeDeps(onDaemonStarting?: () => void): SpeakDeps {
  return onDaemonStarting ? { logFile: daemonLogFile(), onDaemonStarting } : { logFile: daemonLogFile() };
}

export async function showFailure(err: unknown, toast?: Toast): Promise<void> {
  const content = toastForError(err);
  if (toast) {
    toast.style = Toast.Style.Failure;
    toast.title = content.title;
    toast.message = content.message;
    return;
  }
  await showToast({ style: Toast.Style.Failure, title: content.title, message: content.message });
}
