// The desk's small behaviours: deadlines as countdowns, keyboard moves in the inbox, and the selection kept
// when the rows are fetched again after a push.
(function () {
  "use strict";
  var selected = null;

  function human(ms) {
    var past = ms < 0, m = Math.round(Math.abs(ms) / 60000), text;
    if (m < 60) text = m + " min";
    else if (m < 48 * 60) text = Math.round(m / 60) + " h";
    else text = Math.round(m / 1440) + " days";
    return past ? "overdue by " + text : "due in " + text;
  }

  function countdowns(root) {
    (root || document).querySelectorAll("time.countdown[datetime]").forEach(function (t) {
      var at = Date.parse(t.getAttribute("datetime"));
      if (!isNaN(at)) {
        t.textContent = human(at - Date.now());
        t.title = t.getAttribute("datetime");
        t.classList.toggle("breach", at < Date.now());
      }
    });
  }

  function ago(root) {
    (root || document).querySelectorAll("time.ago[datetime]").forEach(function (t) {
      var at = Date.parse(t.getAttribute("datetime"));
      if (isNaN(at)) return;
      var m = Math.round((Date.now() - at) / 60000);
      t.title = t.getAttribute("datetime");
      t.textContent = m < 1 ? "just now" : m < 60 ? m + " min ago" : m < 48 * 60 ? Math.round(m / 60) + " h ago"
          : new Date(at).toISOString().slice(0, 16).replace("T", " ") + " UTC";
    });
  }

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#rows tr.row")); }

  function select(row) {
    rows().forEach(function (r) { r.classList.remove("selected"); r.removeAttribute("aria-selected"); });
    if (row) { row.classList.add("selected"); row.setAttribute("aria-selected", "true"); selected = row.getAttribute("data-id"); row.scrollIntoView({block: "nearest"}); }
  }

  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey) return;
    var list = rows(), i = list.findIndex(function (r) { return r.classList.contains("selected"); });
    if (e.key === "j" && list.length) { select(list[Math.min(list.length - 1, i + 1)]); e.preventDefault(); }
    else if (e.key === "k" && list.length) { select(list[Math.max(0, i - 1)]); e.preventDefault(); }
    else if (e.key === "Enter" && i >= 0) { var a = list[i].querySelector("a.open"); if (a) a.click(); }
    else if (e.key === "/") { var q = document.getElementById("q"); if (q) { q.focus(); e.preventDefault(); } }
    else if (e.key === "r") { var reply = document.getElementById("reply"); if (reply) { reply.focus(); e.preventDefault(); } }
    else if (e.key === "e") { var resolve = document.getElementById("resolve"); if (resolve) { resolve.click(); e.preventDefault(); } }
    else if (e.key === "a") { var take = document.getElementById("take"); if (take) { take.click(); e.preventDefault(); } }
    else if (e.key === "?") { var h = document.getElementById("help"); if (h) h.hidden = !h.hidden; }
  });

  // htmx requests carry the CSRF token the page was served with
  document.addEventListener("htmx:configRequest", function (e) {
    var token = document.querySelector('meta[name="csrf-token"]'), header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) e.detail.headers[header.content] = token.content;
  });

  document.addEventListener("htmx:afterSwap", function (e) {
    countdowns(e.target);
    ago(e.target);
    if (selected) {
      var again = document.querySelector('#rows tr.row[data-id="' + selected + '"]');
      if (again) select(again);
    }
  });

  // a secret shown once (a new agent's token): copy it in one click, or leave it selected to copy by hand
  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button[data-copy]") : null;
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    field.focus();
    field.select();
    var done = function () { button.textContent = "Copied"; };
    var byHand = function () { button.textContent = "Selected: press Ctrl+C"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { try { document.execCommand("copy") ? done() : byHand(); } catch (x) { byHand(); } });
    } else {
      try { document.execCommand("copy") ? done() : byHand(); } catch (x) { byHand(); }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    countdowns();
    ago();
    setInterval(function () { countdowns(); ago(); }, 30000);
  });
})();
