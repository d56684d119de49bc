/*
 * Earshot's web chat widget. Embed with one tag:
 *   <script src="https://earshot.example.com/chat/123/widget.js" async></script>
 * For a signed-in visitor, add data-name, data-email and data-hash (hex HMAC-SHA256 of the email under the chat
 * account's identitySecret, computed on your server). It adds a button and a frame served by Earshot; the chat
 * itself runs in that frame, on Earshot's origin, with no cookie.
 */
(function () {
  'use strict';
  var me = document.currentScript;
  var found = me && me.src ? /^(.*)\/chat\/(\d+)\/widget\.js(?:[?#].*)?$/.exec(me.src) : null;
  if (!found || document.getElementById('earshot-chat-frame')) {
    return;
  }
  var query = new URLSearchParams();
  query.set('origin', window.location.origin);
  ['name', 'email', 'hash'].forEach(function (k) {
    var v = me.getAttribute('data-' + k);
    if (v) {
      query.set(k, v);
    }
  });

  var frame = document.createElement('iframe');
  frame.id = 'earshot-chat-frame';
  frame.title = 'Chat';
  frame.src = found[1] + '/chat/' + found[2] + '/frame?' + query.toString();
  var f = frame.style;
  f.position = 'fixed'; f.right = '20px'; f.bottom = '84px'; f.width = '360px'; f.height = '520px';
  f.maxHeight = 'calc(100vh - 104px)'; f.maxWidth = 'calc(100vw - 40px)'; f.border = '0'; f.borderRadius = '12px';
  f.boxShadow = '0 8px 30px rgba(0,0,0,.25)'; f.background = '#fff'; f.zIndex = '2147483646'; f.display = 'none';

  var button = document.createElement('button');
  button.id = 'earshot-chat-launcher';
  button.type = 'button';
  button.textContent = 'Chat';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', frame.id);
  var b = button.style;
  b.position = 'fixed'; b.right = '20px'; b.bottom = '20px'; b.height = '48px'; b.padding = '0 20px'; b.border = '0';
  b.borderRadius = '24px'; b.background = '#1f5fbf'; b.color = '#fff'; b.font = '600 15px system-ui, sans-serif';
  b.cursor = 'pointer'; b.zIndex = '2147483647'; b.boxShadow = '0 4px 14px rgba(0,0,0,.25)';
  button.addEventListener('click', function () {
    var open = frame.style.display === 'none';
    frame.style.display = open ? 'block' : 'none';
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    button.textContent = open ? 'Close chat' : 'Chat';
  });

  function add() {
    document.body.appendChild(frame);
    document.body.appendChild(button);
  }
  if (document.body) {
    add();
  } else {
    document.addEventListener('DOMContentLoaded', add);
  }
})();
