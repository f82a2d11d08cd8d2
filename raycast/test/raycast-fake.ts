// A small stand-in for @raycast/api, installed with vi.mock("@raycast/api", () => import("./raycast-fake")).
// Only the API boundary is fake: preferences and the selection come from `fake`, toasts and HUDs are recorded,
// and the Form/Action components are plain React components whose props tests read (react-test-renderer).

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createElement, type ReactNode } from "react";

export interface ToastOptions {
  style?: string;
  title: string;
  message?: string;
}

export class Toast {
  static readonly Style = { Success: "SUCCESS", Failure: "FAILURE", Animated: "ANIMATED" } as const;
  style: string;
  title: string;
  message: string | undefined;
  hidden = false;

  constructor(options: ToastOptions) {
    this.style = options.style ?? Toast.Style.Success;
    this.title = options.title;
    this.message = options.message;
  }

  async show(): Promise<void> {
    this.hidden = false;
  }

  async hide(): Promise<void> {
    this.hidden = true;
  }
}

export const fake = {
  preferences: {} as Record<string, string | undefined>,
  /** What getSelectedText() resolves to, or the error it rejects with. */
  selectedText: "" as string | Error,
  toasts: [] as Toast[],
  huds: [] as string[],
  reset(): void {
    this.preferences = {};
    this.selectedText = "";
    this.toasts = [];
    this.huds = [];
  },
  /** The toasts as they look now (a toast object can be updated after it is shown). */
  shownToasts(): { style: string; title: string; message: string | undefined }[] {
    return this.toasts.filter((t) => !t.hidden).map((t) => ({ style: t.style, title: t.title, message: t.message }));
  },
};

export const environment = {
  supportPath: mkdtempSync(join(tmpdir(), "kokoro-raycast-support-")),
  extensionName: "kokoro-tts",
  commandName: "test",
  isDevelopment: true,
};

export function getPreferenceValues<T>(): T {
  return { ...fake.preferences } as T;
}

export async function getSelectedText(): Promise<string> {
  if (fake.selectedText instanceof Error) throw fake.selectedText;
  return fake.selectedText;
}

export async function showToast(options: ToastOptions): Promise<Toast> {
  const toast = new Toast(options);
  fake.toasts.push(toast);
  return toast;
}

export async function showHUD(title: string): Promise<void> {
  fake.huds.push(title);
}

export const Icon = new Proxy({} as Record<string, string>, { get: (_target, key) => String(key) });

interface WithChildren {
  children?: ReactNode;
}

function FormRoot(props: WithChildren & { actions?: ReactNode; isLoading?: boolean }) {
  return createElement("form", null, props.actions, props.children);
}
function TextArea(_props: { id: string; title?: string; error?: string; onChange?: (v: string) => void }) {
  return createElement("textarea");
}
function TextField(_props: {
  id: string;
  title?: string;
  defaultValue?: string;
  error?: string;
  onChange?: (v: string) => void;
}) {
  return createElement("input");
}
function DropdownItem(_props: { value: string; title: string }) {
  return createElement("option");
}
function DropdownSection(props: WithChildren & { title?: string }) {
  return createElement("optgroup", null, props.children);
}
function DropdownRoot(props: WithChildren & { id: string; value?: string; onChange?: (v: string) => void }) {
  return createElement("select", null, props.children);
}
function Description(_props: { text: string }) {
  return createElement("p");
}
export const Form = Object.assign(FormRoot, {
  TextArea,
  TextField,
  Dropdown: Object.assign(DropdownRoot, { Item: DropdownItem, Section: DropdownSection }),
  Description,
});

export function ActionPanel(props: WithChildren) {
  return createElement("menu", null, props.children);
}

function ActionRoot(_props: { title: string; onAction?: () => unknown }) {
  return createElement("button");
}
function SubmitForm(_props: { title: string; onSubmit?: (values: Record<string, string>) => unknown }) {
  return createElement("button");
}
export const Action = Object.assign(ActionRoot, { SubmitForm });
