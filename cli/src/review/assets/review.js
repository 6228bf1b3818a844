// bialign review: the page's edits. The server holds the session; the page shows its state
// (GET /api/state), sends each edit (POST /api/edit with the revision it shows) and shows
// the state that comes back, outlining the beads the realignment changed. Navigation (moving,
// doubtful beads, filter) is BialignNav, shared with the static review page.
"use strict";
(function () {
  var token = new URLSearchParams(location.search).get("token") || "";
  var state = null;          // the server's last state
  var src = [], tgt = [];    // the sentences of both sides
  var sel = null;            // the chosen sentence: {side: "src"|"tgt", i: index}
  var pick = { src: null, tgt: null }; // the sentence chosen last on each side
  var busy = false;
  var rowsEl = document.getElementById("rows");
  var statusEl = document.getElementById("status");

  function say(text, error) {
    statusEl.textContent = text;
    statusEl.className = error ? "error" : "";
  }

  function call(method, path, body) {
    var init = { method: method, headers: { "X-Bialign-Token": token } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      return r.json().then(function (v) {
        if (!r.ok) {
          throw new Error(v && v.error ? v.error : "HTTP " + r.status);
        }
        return v;
      });
    });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function classOf(b) {
    if (b.src[0] === b.src[1] || b.tgt[0] === b.tgt[1]) {
      return "null";
    }
    return b.score >= state.bands.high ? "high" : b.score >= state.bands.medium ? "medium" : "low";
  }

  function cell(side, range, lang) {
    if (range[0] === range[1]) {
      return "<td class=\"none\">no counterpart</td>";
    }
    var texts = side === "src" ? src : tgt;
    var out = "<td lang=\"" + lang + "\" dir=\"auto\">";
    for (var i = range[0]; i < range[1]; i++) {
      var chosen = sel && sel.side === side && sel.i === i ? " sel" : "";
      out += "<div class=\"s" + chosen + "\" data-side=\"" + side + "\" data-i=\"" + i +
        "\"><span class=\"i\">" + i + "</span><span class=\"x\" dir=\"auto\">" +
        escapeHtml(texts[i] === undefined ? "" : texts[i]) + "</span></div>";
    }
    return out + "</td>";
  }

  function render() {
    var changed = {};
    state.changed.forEach(function (k) { changed[k] = true; });
    var html = [];
    state.beads.forEach(function (b, k) {
      var cls = classOf(b) + (b.fixed ? " fixed" : "") + (changed[k] ? " changed" : "");
      html.push("<tr id=\"b" + k + "\" class=\"" + cls + "\"><td class=\"n\">" + k +
        "</td><td class=\"t\">" + (b.src[1] - b.src[0]) + "-" + (b.tgt[1] - b.tgt[0]) + "</td>" +
        cell("src", b.src, state.langs[0]) + cell("tgt", b.tgt, state.langs[1]) +
        "<td class=\"sc\">" + b.score.toFixed(3) + "</td></tr>");
    });
    rowsEl.innerHTML = html.join("");
    document.querySelector("[data-act=undo]").disabled = !state.undo;
    document.querySelector("[data-act=redo]").disabled = !state.redo;
    document.querySelector("[data-act=undo]").title = state.undo ? "Undo: " + state.undo + " (z)" : "Nothing to undo";
    document.querySelector("[data-act=redo]").title = state.redo ? "Redo: " + state.redo + " (y)" : "Nothing to redo";
    var f = state.files;
    document.getElementById("files").textContent =
      (f.output ? "Save writes " + f.output + " (" + f.format + ")." : "No output file (-o).") +
      (f.state ? " The state is kept in " + f.state + "." : "");
  }

  function beadOfSentence(side, i) {
    var bs = state.beads;
    for (var k = 0; k < bs.length; k++) {
      var r = bs[k][side];
      if (i >= r[0] && i < r[1]) {
        return k;
      }
    }
    return -1;
  }

  function currentBead() {
    var k = BialignNav.current();
    return k >= 0 && k < state.beads.length ? state.beads[k] : null;
  }

  // The chosen sentence, or the current bead's first one.
  function chosen() {
    var b = currentBead();
    if (sel && b && sel.i >= b[sel.side][0] && sel.i < b[sel.side][1]) {
      return sel;
    }
    if (!b) {
      return null;
    }
    if (b.src[0] < b.src[1]) {
      return { side: "src", i: b.src[0] };
    }
    return { side: "tgt", i: b.tgt[0] };
  }

  function choose(s, scroll) {
    sel = s;
    if (s) {
      pick[s.side] = s.i;
    }
    var old = rowsEl.querySelectorAll(".s.sel");
    for (var i = 0; i < old.length; i++) {
      old[i].classList.remove("sel");
    }
    if (!s) {
      return;
    }
    var el = rowsEl.querySelector(".s[data-side=" + s.side + "][data-i=\"" + s.i + "\"]");
    if (el) {
      el.classList.add("sel");
    }
    var k = beadOfSentence(s.side, s.i);
    if (k >= 0 && k !== BialignNav.current()) {
      BialignNav.go(k, !scroll);
    }
  }

  function apply(v, what) {
    if (v.src) {
      src = v.src;
      tgt = v.tgt;
    }
    state = v;
    var keep = BialignNav.current();
    render();
    var k = keep;
    if (sel && beadOfSentence(sel.side, sel.i) >= 0) {
      k = beadOfSentence(sel.side, sel.i);
    } else {
      sel = null;
    }
    if (k >= state.beads.length) {
      k = state.beads.length - 1;
    }
    BialignNav.go(k, false);
    if (sel) {
      choose(sel, false);
    }
    if (what) {
      var n = state.changed.length;
      say(what + ": " + n + (n === 1 ? " bead" : " beads") + " changed" +
        (v.warning ? " (warning: " + v.warning + ")" : ""), !!v.warning);
    }
  }

  function post(path, body, what) {
    if (busy) {
      return Promise.resolve();
    }
    busy = true;
    say("working…");
    return call("POST", path, body).then(function (v) {
      busy = false;
      apply(v, what);
    }, function (e) {
      busy = false;
      say(e.message, true);
    });
  }

  function edit(e, what) {
    return post("/api/edit", { rev: state.rev, texts_rev: state.texts_rev, edit: e }, what);
  }

  function needBead() {
    var b = currentBead();
    if (!b) {
      say("choose a bead first (j, k or a click)", true);
    }
    return b;
  }

  var actions = {
    confirm: function () {
      if (needBead()) {
        edit({ op: "confirm", bead: BialignNav.current() }, "confirmed bead " + BialignNav.current());
      }
    },
    release: function () {
      if (needBead()) {
        edit({ op: "release", bead: BialignNav.current() }, "released bead " + BialignNav.current());
      }
    },
    merge: function () {
      if (needBead()) {
        var k = BialignNav.current();
        edit({ op: "merge", bead: k }, "merged beads " + k + " and " + (k + 1));
      }
    },
    "split-bead": function () {
      var b = needBead();
      if (!b) {
        return;
      }
      var at = function (side) {
        var i = pick[side];
        return i !== null && i >= b[side][0] && i < b[side][1] ? i : b[side][1];
      };
      var k = BialignNav.current();
      edit({ op: "split_bead", bead: k, src: at("src"), tgt: at("tgt") }, "split bead " + k);
    },
    "move-up": function () { move("up"); },
    "move-down": function () { move("down"); },
    unpaired: function () {
      var s = chosen();
      if (s) {
        edit({ op: "unpaired", side: s.side, sentence: s.i }, "sentence " + s.i + " has no counterpart");
      }
    },
    "split-sentence": function () { openSplitter(); },
    join: function () {
      var s = chosen();
      if (s) {
        edit({ op: "join_sentences", side: s.side, sentence: s.i }, "joined sentences " + s.i + " and " + (s.i + 1));
      }
    },
    undo: function () {
      post("/api/undo", { rev: state.rev, texts_rev: state.texts_rev }, "undone: " + (state.undo || ""));
    },
    redo: function () {
      post("/api/redo", { rev: state.rev, texts_rev: state.texts_rev }, "redone: " + (state.redo || ""));
    },
    filter: function () {
      var on = BialignNav.toggleFilter();
      document.querySelector("[data-act=filter]").setAttribute("aria-pressed", on ? "true" : "false");
    },
    save: function () { save("/api/save"); },
    "save-state": function () { save("/api/save-state"); }
  };

  function move(direction) {
    var s = chosen();
    if (s) {
      edit({ op: "move", side: s.side, sentence: s.i, direction: direction },
        "moved sentence " + s.i + " " + direction);
    }
  }

  function save(path) {
    if (busy) {
      return;
    }
    busy = true;
    call("POST", path, {}).then(function (v) {
      busy = false;
      say("saved " + v.saved.join(", "));
    }, function (e) {
      busy = false;
      say(e.message, true);
    });
  }

  // The sentence splitter: an input showing the sentence, edits refused, the caret chosen.
  var splitter = document.getElementById("splitter");
  var splitText = document.getElementById("split-text");
  var splitting = null;
  function openSplitter() {
    var s = chosen();
    if (!s) {
      return;
    }
    splitting = s;
    document.getElementById("split-what").textContent =
      (s.side === "src" ? "source" : "target") + " sentence " + s.i;
    splitText.value = (s.side === "src" ? src : tgt)[s.i];
    splitter.hidden = false;
    splitText.focus();
    splitText.setSelectionRange(0, 0);
  }
  function closeSplitter() {
    splitter.hidden = true;
    splitting = null;
    splitText.blur();
  }
  function doSplit() {
    if (!splitting) {
      return;
    }
    // The server counts characters (code points); the input counts UTF-16 units.
    var at = Array.from(splitText.value.slice(0, splitText.selectionStart)).length;
    var s = splitting;
    closeSplitter();
    edit({ op: "split_sentence", side: s.side, sentence: s.i, at: at }, "split sentence " + s.i);
  }
  splitText.addEventListener("beforeinput", function (e) { e.preventDefault(); });
  splitText.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      e.preventDefault();
      doSplit();
    } else if (e.key === "Escape") {
      e.preventDefault();
      closeSplitter();
    }
  });
  document.getElementById("split-ok").addEventListener("click", doSplit);
  document.getElementById("split-cancel").addEventListener("click", closeSplitter);

  document.getElementById("toolbar").addEventListener("click", function (e) {
    var b = e.target.closest("button[data-act]");
    if (b && state) {
      actions[b.getAttribute("data-act")]();
    }
  });

  rowsEl.addEventListener("click", function (e) {
    var s = e.target.closest(".s[data-side]");
    if (s) {
      choose({ side: s.getAttribute("data-side"), i: parseInt(s.getAttribute("data-i"), 10) }, false);
    }
  });

  BialignNav.onMove(function (k) {
    var b = k >= 0 && state ? state.beads[k] : null;
    if (b && sel && !(sel.i >= b[sel.side][0] && sel.i < b[sel.side][1])) {
      choose(null);
    }
  });

  function stepSentence(dir) {
    var s = chosen();
    if (!s) {
      return;
    }
    var n = (s.side === "src" ? src : tgt).length;
    var i = s.i + dir;
    if (i >= 0 && i < n) {
      choose({ side: s.side, i: i }, true);
    }
  }

  function switchSide(side) {
    var b = currentBead();
    if (b && b[side][0] < b[side][1]) {
      choose({ side: side, i: b[side][0] }, false);
    }
  }

  BialignNav.keys(function (e) {
    if (!state) {
      return false;
    }
    var ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && !e.altKey) {
      var key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) { actions.undo(); return true; }
      if (key === "y" || (key === "z" && e.shiftKey)) { actions.redo(); return true; }
      if (key === "s") { actions.save(); return true; }
      return false;
    }
    if (e.altKey) {
      return false;
    }
    var map = {
      c: "confirm", Enter: "confirm", r: "release", m: "merge", s: "split-bead",
      u: "move-up", d: "move-down", x: "unpaired", e: "split-sentence", "+": "join",
      z: "undo", y: "redo", w: "save", W: "save-state"
    };
    if (e.key === "f") {
      actions.filter();
      return true;
    }
    if (map[e.key]) {
      actions[map[e.key]]();
      return true;
    }
    switch (e.key) {
      case "h": case "ArrowLeft": switchSide("src"); return true;
      case "l": case "ArrowRight": switchSide("tgt"); return true;
      case ",": stepSentence(-1); return true;
      case ".": stepSentence(1); return true;
    }
    return false;
  });

  call("GET", "/api/state").then(function (v) {
    document.getElementById("docs").textContent = v.names[0] + " \u2194 " + v.names[1];
    document.title = "bialign review: " + v.names[0] + " \u2194 " + v.names[1];
    document.getElementById("src-head").textContent = "Source (" + v.langs[0] + ")";
    document.getElementById("tgt-head").textContent = "Target (" + v.langs[1] + ")";
    apply(v, null);
    BialignNav.go(0, true);
    var t = v.beads.length;
    say(t + " beads; " + BialignNav.rows().filter(BialignNav.doubtful).length + " doubtful");
  }, function (e) {
    say(e.message, true);
  });
})();
