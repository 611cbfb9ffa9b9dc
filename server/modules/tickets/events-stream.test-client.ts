/** A minimal Server-Sent Events reader over fetch, for tests: frames in arrival order. */
export interface ReceivedEvent {
  id: string | undefined;
  type: string;
  data: Record<string, unknown> & { ticket?: { id: number; visible: boolean }; message?: { id: number; internal: boolean }; presence?: { userId: number; state: string; name: string } };
}

export async function openEventStream(baseUrl: string, token: string, options: { lastEventId?: string } = {}) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`stream refused: ${response.status} ${await response.text()}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const received: ReceivedEvent[] = [];
  let buffer = '';
  let read = 0;

  async function pull(): Promise<boolean> {
    const { value, done } = await reader.read();
    if (done) return false;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n').filter((line) => !line.startsWith(':'));
      const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      const type = field('event');
      if (type) received.push({ id: field('id'), type, data: JSON.parse(field('data') ?? '{}') as ReceivedEvent['data'] });
    }
    return true;
  }

  return {
    response,
    received,
    /** The next event (after those already returned) matching `predicate`; skipped ones stay in `received`. */
    async next(predicate: (event: ReceivedEvent) => boolean): Promise<ReceivedEvent> {
      for (;;) {
        while (read < received.length) {
          const event = received[read++]!;
          if (predicate(event)) return event;
        }
        if (!(await pull())) throw new Error('the stream ended');
      }
    },
    /** Reads until the server ends the stream (shutdown). */
    async untilEnd(): Promise<void> {
      while (await pull()) {
        // keep reading
      }
    },
    close: () => controller.abort(),
  };
}
