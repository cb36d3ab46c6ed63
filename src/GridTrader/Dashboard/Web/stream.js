// Server-Sent Events over fetch, so the dashboard token travels in a header (EventSource cannot send one). Parses the
// text/event-stream format, remembers the last event id and reconnects with Last-Event-ID after a growing pause; the
// caller hears about every state change and falls back to polling while the stream is down.
'use strict';

window.GridTraderStream = (() => {
  function connect({ url, headers, onEvent, onState }) {
    let lastId = null;
    let retryMs = 1000;
    let stopped = false;
    let controller = null;
    let attempt = 0;

    async function run() {
      while (!stopped) {
        controller = new AbortController();
        try {
          const h = { Accept: 'text/event-stream', ...headers() };
          if (lastId !== null) h['Last-Event-ID'] = lastId;
          const response = await fetch(url, { headers: h, cache: 'no-store', signal: controller.signal });
          if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
          attempt = 0;
          onState('open');
          await read(response.body.getReader());
          onState('closed');
        } catch (e) {
          if (stopped) return;
          onState('failed', e);
        }
        // A stream that fails at once waits longer each time (at most 30 s); the page polls meanwhile.
        attempt += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(30000, retryMs * 2 ** Math.min(attempt - 1, 5))));
      }
    }

    async function read(reader) {
      const decoder = new TextDecoder();
      let buffer = '';
      let event = { id: null, name: 'message', data: [] };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let newline;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (event.id !== null) lastId = event.id;
            if (event.data.length) dispatch(event.name, event.data.join('\n'));
            event = { id: null, name: 'message', data: [] };
            continue;
          }
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') event.data.push(text);
          else if (field === 'event') event.name = text;
          else if (field === 'id') event.id = text;
          else if (field === 'retry' && /^\d+$/.test(text)) retryMs = Number(text);
        }
      }
    }

    function dispatch(name, data) {
      let body;
      try {
        body = JSON.parse(data);
      } catch {
        return;
      }
      onEvent(name, body);
    }

    run();
    return {
      lastEventId: () => lastId,
      stop() {
        stopped = true;
        if (controller) controller.abort();
      },
    };
  }

  return { connect };
})();
