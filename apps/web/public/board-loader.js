// The whole board's payload, read off the page's main thread. index.html's inline script starts this
// worker with the board's URL while the app's bundle loads: the download (megabytes on a big board)
// and its JSON parse happen here, on another core. The page asks for the result only once its first
// screen has painted ({ send: cards per part }), and gets it as messages — the board and its tables,
// then the cards a part at a time, then the end — so that it decodes one part per task and never
// holds its thread for the whole board (src/lib/boardPreload.ts). Plain JavaScript, served as is:
// the inline script cannot know a bundled file's hashed name.
'use strict';

/** The whole board being read: a promise of its parsed payload (of null when it could not be read); null until the page sends its URL. */
var parsed = null;

self.onmessage = function (event) {
  var message = event.data;
  if (message.url) {
    parsed = fetch(message.url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .catch(function () {
        return null;
      });
    return;
  }
  if (message.send && parsed) {
    var part = message.send;
    parsed.then(function (whole) {
      if (!whole || !Array.isArray(whole.cards)) {
        self.postMessage({ kind: 'failed' });
        return;
      }
      var cards = whole.cards;
      var failures = whole.failures || [];
      whole.cards = [];
      whole.failures = [];
      self.postMessage({ kind: 'head', payload: whole });
      for (var at = 0; at < cards.length; at += part) {
        self.postMessage({ kind: 'cards', cards: cards.slice(at, at + part), failures: failures.slice(at, at + part) });
      }
      self.postMessage({ kind: 'end' });
    });
  }
};
