// Moving through the beads of a bialign alignment table (`table.align`, one `tr` with the id
// `bK` per bead K): the static review page (`--format html`) and `bialign review` both use it.
// A bead is doubtful when it is a pair below high confidence or a bead without counterpart
// (classes medium, low, null) and has not been confirmed (class fixed). The current bead has
// the class cur; with the filter on (class doubtful-only on the table) only doubtful beads
// are shown and moving skips the others.
"use strict";
var BialignNav = (function () {
  var current = -1;
  var listeners = [];

  function table() {
    return document.querySelector("table.align");
  }
  function rowOf(k) {
    return document.getElementById("b" + k);
  }
  function beadOf(row) {
    return row && row.id && row.id.charAt(0) === "b" ? parseInt(row.id.slice(1), 10) : -1;
  }
  function rows() {
    var t = table();
    return t ? Array.prototype.slice.call(t.querySelectorAll("tbody tr[id^='b']")) : [];
  }
  function doubtful(row) {
    var c = row.classList;
    return !c.contains("fixed") && (c.contains("medium") || c.contains("low") || c.contains("null"));
  }
  function filtered() {
    var t = table();
    return !!t && t.classList.contains("doubtful-only");
  }
  function shown(row) {
    return !filtered() || doubtful(row);
  }
  function status(text) {
    var s = document.getElementById("nav-status");
    if (s) {
      s.textContent = text;
    }
  }

  // Makes bead k the current one (scrolled into view); -1 for none.
  function go(k, quiet) {
    var old = rowOf(current);
    if (old) {
      old.classList.remove("cur");
    }
    var row = rowOf(k);
    current = row ? k : -1;
    if (row) {
      row.classList.add("cur");
      if (!quiet) {
        row.scrollIntoView({ block: "nearest" });
      }
    }
    listeners.forEach(function (f) { f(current); });
    return current;
  }

  // The next (dir 1) or previous (dir -1) shown bead, doubtful only when asked.
  function step(dir, onlyDoubtful) {
    var all = rows();
    var at = -1;
    for (var i = 0; i < all.length; i++) {
      if (beadOf(all[i]) === current) {
        at = i;
      }
    }
    if (at === -1) {
      at = dir > 0 ? -1 : all.length;
    }
    for (var j = at + dir; j >= 0 && j < all.length; j += dir) {
      if (shown(all[j]) && (!onlyDoubtful || doubtful(all[j]))) {
        status("");
        return go(beadOf(all[j]));
      }
    }
    status(onlyDoubtful ? "no more doubtful beads this way" : "no more beads this way");
    return current;
  }

  function toggleFilter(on) {
    var t = table();
    if (!t) {
      return false;
    }
    var want = on === undefined ? !filtered() : on;
    t.classList.toggle("doubtful-only", want);
    var n = rows().filter(doubtful).length;
    status(want ? "showing the " + n + " doubtful beads" : "");
    var row = rowOf(current);
    if (want && row && !doubtful(row)) {
      step(1, true);
    }
    return want;
  }

  // Binds the navigation keys (j k n p f, arrows, Home, End) and clicks on rows;
  // `extra(event)` is asked first and returns true when it handled the key.
  function keys(extra) {
    document.addEventListener("keydown", function (e) {
      var tag = e.target && e.target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") {
        return;
      }
      if (extra && extra(e)) {
        e.preventDefault();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) {
        return;
      }
      var done = true;
      switch (e.key) {
        case "j": case "ArrowDown": step(1, false); break;
        case "k": case "ArrowUp": step(-1, false); break;
        case "n": step(1, true); break;
        case "p": step(-1, true); break;
        case "f": toggleFilter(); break;
        case "Home": current = -1; step(1, false); break;
        case "End": current = -1; step(-1, false); break;
        default: done = false;
      }
      if (done) {
        e.preventDefault();
      }
    });
    document.addEventListener("click", function (e) {
      var row = e.target.closest ? e.target.closest("table.align tbody tr[id^='b']") : null;
      if (row) {
        go(beadOf(row), true);
      }
    });
  }

  return {
    rows: rows,
    rowOf: rowOf,
    beadOf: beadOf,
    doubtful: doubtful,
    current: function () { return current; },
    go: go,
    step: step,
    toggleFilter: toggleFilter,
    filtered: filtered,
    keys: keys,
    status: status,
    onMove: function (f) { listeners.push(f); }
  };
})();
