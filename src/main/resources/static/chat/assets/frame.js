/*
 * Earshot's chat frame. Runs on Earshot's origin inside the widget's iframe; talks to Earshot same-origin with the
 * visitor's token in an Authorization header (kept in this origin's localStorage: no cookie). Everything anyone
 * typed is shown as text, never as HTML.
 */
(function () {
  'use strict';
  var account = document.body.getAttribute('data-account');
  var origin = document.body.getAttribute('data-origin');
  var params = new URLSearchParams(window.location.search);
  var who = { origin: origin, name: params.get('name'), email: params.get('email'), hash: params.get('hash') };
  var base = window.location.pathname.replace(/\/frame$/, '');
  var storeKey = 'earshot-chat-' + account + '-' + (who.email || '');
  var lines = document.getElementById('lines');
  var main = document.querySelector('main');
  var status = document.getElementById('status');
  var text = document.getElementById('text');
  var shown = {};
  var token = null;
  try {
    token = window.localStorage.getItem(storeKey);
  } catch (e) {
    token = null;
  }

  function keep(t) {
    token = t;
    try {
      if (t) {
        window.localStorage.setItem(storeKey, t);
      } else {
        window.localStorage.removeItem(storeKey);
      }
    } catch (e) { /* private mode: the chat lasts as long as the page */ }
  }

  function call(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (body) {
      headers['Content-Type'] = 'application/json';
    }
    if (token) {
      headers['Authorization'] = 'Bearer ' + token;
    }
    return fetch(base + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit', cache: 'no-store' }).then(function (r) {
      return r.text().then(function (raw) {
        var json = null;
        try { json = raw ? JSON.parse(raw) : null; } catch (e) { json = null; }
        if (!r.ok) {
          var err = new Error(json && json.error ? json.error.message : 'HTTP ' + r.status);
          err.status = r.status;
          err.retryAfter = Number(r.headers.get('Retry-After') || 0);
          throw err;
        }
        return json;
      });
    });
  }

  function start() {
    return call('POST', '/visitors', who).then(function (v) { keep(v.token); });
  }

  /** Runs fn with a token: a new chat when there is none, or when the one kept was refused (expired). */
  function withToken(fn) {
    var ready = token ? Promise.resolve() : start();
    return ready.then(fn).catch(function (e) {
      if (e.status === 401) {
        keep(null);
        return start().then(fn);
      }
      throw e;
    });
  }

  function show(line) {
    var li = shown[line.id];
    if (!li) {
      li = document.createElement('li');
      shown[line.id] = li;
    }
    li.className = line.from;
    li.setAttribute('data-id', line.id);
    li.setAttribute('data-at', line.at);
    li.textContent = line.text;
    var after = null;
    for (var n = lines.firstElementChild; n; n = n.nextElementSibling) {
      if (n !== li && n.getAttribute('data-at') > line.at) { after = n; break; }
    }
    lines.insertBefore(li, after);
    main.scrollTop = main.scrollHeight;
  }

  function catchUp() {
    return withToken(function () { return call('GET', '/history'); }).then(function (h) { h.lines.forEach(show); });
  }

  function say(message, id) {
    var pending = document.createElement('li');
    pending.className = 'visitor pending';
    pending.textContent = message;
    lines.appendChild(pending);
    main.scrollTop = main.scrollHeight;
    function attempt(tries) {
      return withToken(function () { return call('POST', '/messages', { text: message, id: id }); }).then(function (line) {
        pending.remove();
        status.textContent = '';
        show(line);
      }).catch(function (e) {
        if (e.status === 429 || !e.status || e.status >= 500) {
          status.textContent = e.status === 429 ? 'Slow down a little: sending again in a moment.' : 'Not sent yet: trying again…';
          var wait = Math.max(1, e.retryAfter || Math.min(30, tries * 2));
          setTimeout(function () { attempt(tries + 1); }, wait * 1000);
        } else {
          pending.remove();
          status.textContent = e.message;
        }
      });
    }
    attempt(1);
  }

  function newId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  /** The live stream, read with fetch so that the token goes in a header, not in the address. */
  function listen() {
    fetch(base + '/stream', { headers: { 'Accept': 'text/event-stream', 'Authorization': 'Bearer ' + token },
      credentials: 'omit', cache: 'no-store' }).then(function (r) {
      if (!r.ok || !r.body) {
        throw new Error('HTTP ' + r.status);
      }
      var reader = r.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function pump() {
        return reader.read().then(function (part) {
          if (part.done) {
            return;
          }
          buffer += decoder.decode(part.value, { stream: true });
          var events = buffer.split(/\r?\n\r?\n/);
          buffer = events.pop();
          events.forEach(function (raw) {
            var name = 'message';
            var data = [];
            raw.split(/\r?\n/).forEach(function (l) {
              if (l.indexOf('event:') === 0) { name = l.slice(6).trim(); }
              if (l.indexOf('data:') === 0) { data.push(l.slice(5).replace(/^ /, '')); }
            });
            if (name === 'line' && data.length) {
              show(JSON.parse(data.join('\n')));
            }
          });
          return pump();
        });
      }
      return pump();
    }).catch(function () { /* reconnect below */ }).then(function () {
      setTimeout(function () { catchUp().catch(function () {}).then(listen); }, 2000);
    });
  }

  document.getElementById('say').addEventListener('submit', function (e) {
    e.preventDefault();
    var message = text.value.trim();
    if (!message) {
      return;
    }
    text.value = '';
    say(message, newId());
  });
  text.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      document.getElementById('say').requestSubmit();
    }
  });

  catchUp().then(listen).catch(function (e) { status.textContent = e.message; });
  setInterval(function () { catchUp().catch(function () {}); }, 20000);
})();
