import { Action, ActionPanel, Form, getPreferenceValues, Icon, showToast, Toast } from "@raycast/api";
import { useEffect, useState } from "react";
import { parsePreferences, parseSpeed, settingsOrDefaults, type RawPreferences } from "./lib/preferences";
import { createServerClient, voiceOptions, voiceSections, voiceTitle, type VoiceOption } from "./lib/server-client";
import { speak, stopSpeaking } from "./lib/speak";
import { runtimeDeps, showFailure } from "./lib/ui";

export interface SpeakTextValues {
  readonly text: string;
  readonly voice: string;
  readonly speed: string;
}

/** View command: a form with the text, a voice (from the server's list) and a speed. */
export default function SpeakText() {
  const [initial] = useState(() => settingsOrDefaults(getPreferenceValues<RawPreferences>()));
  const [voices, setVoices] = useState<VoiceOption[] | undefined>(undefined);
  const [loadingVoices, setLoadingVoices] = useState(true);
  const [busy, setBusy] = useState(false);
  const [voice, setVoice] = useState(initial.voice);
  const [textError, setTextError] = useState<string | undefined>();
  const [speedError, setSpeedError] = useState<string | undefined>();

  useEffect(() => {
    let cancelled = false;
    createServerClient({ baseUrl: initial.serverUrl, apiKey: initial.apiKey })
      .voices()
      .then(
        (list) => {
          if (!cancelled) setVoices(list);
        },
        (err: unknown) => {
          if (!cancelled) void showFailure(err);
        },
      )
      .finally(() => {
        if (!cancelled) setLoadingVoices(false);
      });
    return () => {
      cancelled = true;
    };
  }, [initial.serverUrl, initial.apiKey]);

  async function submit(values: SpeakTextValues, mode: "replace" | "queue"): Promise<void> {
    const text = values.text?.trim() ?? "";
    const speed = parseSpeed(values.speed);
    setTextError(text === "" ? "Type something to speak" : undefined);
    setSpeedError(speed.ok ? undefined : speed.message);
    if (text === "" || !speed.ok) return;

    setBusy(true);
    const toast = await showToast({ style: Toast.Style.Animated, title: mode === "queue" ? "Queueing…" : "Speaking…" });
    try {
      // The field starts at the Speed preference; left blank, no speed is sent and the server's default (or
      // a voice preset's own speed) applies.
      const settings = { ...parsePreferences(getPreferenceValues<RawPreferences>()), speed: speed.speed };
      const chosenVoice = values.voice || voice;
      await speak(
        settings,
        { text, voice: chosenVoice, mode, source: "input" },
        runtimeDeps(() => {
          toast.title = "Starting the Kokoro daemon…";
        }),
      );
      toast.style = Toast.Style.Success;
      toast.title = mode === "queue" ? "Queued" : "Speaking";
      toast.message = speed.speed === undefined ? chosenVoice : `${chosenVoice}, speed ${speed.speed}`;
    } catch (err) {
      await showFailure(err, toast);
    } finally {
      setBusy(false);
    }
  }

  async function stop(): Promise<void> {
    try {
      const result = await stopSpeaking(parsePreferences(getPreferenceValues<RawPreferences>()));
      await showToast({
        style: Toast.Style.Success,
        title: result.outcome === "stopped" ? "Stopped" : "Nothing is playing",
      });
    } catch (err) {
      await showFailure(err);
    }
  }

  const options = voiceOptions(voices, voice);
  return (
    <Form
      isLoading={loadingVoices || busy}
      actions={
        <ActionPanel>
          <Action.SubmitForm
            title="Speak"
            icon={Icon.SpeakerOn}
            onSubmit={(v: SpeakTextValues) => submit(v, "replace")}
          />
          <Action.SubmitForm
            title="Add to Queue"
            icon={Icon.Plus}
            onSubmit={(v: SpeakTextValues) => submit(v, "queue")}
          />
          <Action
            title="Stop Speaking"
            icon={Icon.Stop}
            shortcut={{ modifiers: ["cmd", "shift"], key: "." }}
            onAction={stop}
          />
        </ActionPanel>
      }
    >
      <Form.TextArea
        id="text"
        title="Text"
        placeholder="Type or paste the text to speak"
        error={textError}
        onChange={() => textError && setTextError(undefined)}
      />
      <Form.Dropdown id="voice" title="Voice" value={voice} onChange={setVoice} isLoading={loadingVoices}>
        {voiceSections(options).map((section) => (
          <Form.Dropdown.Section key={section.title} title={section.title}>
            {section.voices.map((v) => (
              <Form.Dropdown.Item key={v.id} value={v.id} title={voiceTitle(v)} />
            ))}
          </Form.Dropdown.Section>
        ))}
      </Form.Dropdown>
      <Form.TextField
        id="speed"
        title="Speed"
        placeholder="Server default (0.25 to 4)"
        defaultValue={initial.speed === undefined ? "" : String(initial.speed)}
        error={speedError}
        onChange={() => speedError && setSpeedError(undefined)}
      />
      <Form.Description text={`Server ${initial.serverUrl} · daemon ${initial.daemonUrl}`} />
    </Form>
  );
}
