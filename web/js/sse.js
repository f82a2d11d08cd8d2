// Server-sent events over fetch(): EventSource cannot POST, so the speech stream is read from a
// ReadableStream and parsed here, following the WHATWG event-stream rules the server writes to.

/**
 * An incremental event-stream parser. `push` takes text as it arrives (any split, even inside a line or
 * between a CR and its LF); `onEvent` is called with `{ event, data }` for every complete event.
 */
export function createSseParser(onEvent) {
  let buffer = "";
  let data = [];
  let event = "message";

  const dispatch = () => {
    if (data.length > 0) onEvent({ event, data: data.join("\n") });
    data = [];
    event = "message";
  };

  const line = (text) => {
    if (text === "") return dispatch();
    if (text.startsWith(":")) return; // a comment
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
  };

  const drain = (final) => {
    for (;;) {
      const end = buffer.search(/[\r\n]/);
      if (end === -1) break;
      // A CR as the last character may be the first half of a CRLF: wait for the next piece.
      if (buffer[end] === "\r" && end === buffer.length - 1 && !final) break;
      const skip = buffer[end] === "\r" && buffer[end + 1] === "\n" ? 2 : 1;
      line(buffer.slice(0, end));
      buffer = buffer.slice(end + skip);
    }
  };

  return {
    push(text) {
      buffer += text;
      drain(false);
    },
    /** The stream ended: a last line without its newline still counts; an unterminated event is dropped, as the spec says. */
    end() {
      drain(true);
      buffer = "";
      data = [];
    },
  };
}

/** Yields every event of an event-stream body, its `data` parsed as JSON. */
export async function* sseJsonEvents(body) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const ready = [];
  const parser = createSseParser((e) => ready.push(e));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        parser.push(decoder.decode());
        parser.end();
      } else {
        parser.push(decoder.decode(value, { stream: true }));
      }
      while (ready.length > 0) {
        const e = ready.shift();
        yield { event: e.event, data: JSON.parse(e.data) };
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
