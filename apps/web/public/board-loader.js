// The whole board's payload, read off the page's main thread. index.html's inline script starts this
// worker with the board's URL while the app's bundle loads; the page asks for the board once its first
// screen has painted ({ send: cards per part }). Then the download (megabytes on a big board) and its
// JSON parse happen here, on another core, and the board comes back as messages — the board and its
// tables, then the cards a part at a time, then the end — so that the page decodes one part per task
// and never holds its thread for the whole board (src/lib/boardPreload.ts). Not before: on two cores,
// receiving and parsing 4.9 MB while the page built and painted its first screen took the second core
// from it, and that screen's tasks ran 50-130 ms for 20-30 ms of their own work (asking at once and
// reading the body only later still did: the network's side decoded it meanwhile). Plain JavaScript,
// served as is: the inline script cannot know a bundled file's hashed name.
'use strict';

/** The whole board's URL, from the page at once; null until then. */
var url = null;

/** The answer's body parsed, or null when it was refused or is not JSON. */
function read(res) {
  if (!res.ok) return null;
  return res.json().catch(function () {
    return null;
  });
}

self.onmessage = function (event) {
  var message = event.data;
  if (message.url) {
    url = message.url;
    return;
  }
  if (!message.send || !url) return;
  var part = message.send;
  fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(read)
    .catch(function () {
      return null;
    })
    .then(function (whole) {
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
};
