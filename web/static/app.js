// minutes: what scripts add to pages that work without them. The meeting
// form keeps a draft on the server as it is typed, and adds, removes and
// moves rows without a reload. Without this file every button still works
// by posting the form.
(function () {
  "use strict";

  function fieldID(name) {
    return "f-" + name.replace(/[._]/g, "-");
  }

  // renumber gives the rows of a section consecutive indexes in their
  // names, ids, labels and buttons, as the server numbers them.
  function renumber(section) {
    var name = section.getAttribute("data-section");
    var rows = section.querySelectorAll(":scope > .row-list > .row");
    rows.forEach(function (row, k) {
      var old = row.getAttribute("data-index");
      var oldName = name + "." + old, newName = name + "." + k;
      var oldID = fieldID(oldName), newID = fieldID(newName);
      row.setAttribute("data-index", String(k));
      var n = row.querySelector("legend .n");
      if (n) n.textContent = String(k + 1);
      row.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (a) {
          var v = el.getAttribute(a);
          if (v === null) return;
          if (a === "name" && el.tagName !== "BUTTON") {
            if (v === oldName || v.indexOf(oldName + ".") === 0) el.setAttribute(a, newName + v.slice(oldName.length));
          } else if (a !== "name") {
            el.setAttribute(a, v.split(" ").map(function (t) {
              return (t === oldID || t.indexOf(oldID + "-") === 0) ? newID + t.slice(oldID.length) : t;
            }).join(" "));
          }
        });
      });
      row.querySelectorAll("button[data-op]").forEach(function (b) {
        b.value = b.getAttribute("data-op") + ":" + name + ":" + k;
      });
    });
  }

  function rowOp(button, form, changed) {
    var op = button.getAttribute("data-op");
    var section = button.closest("section.rows");
    var list = section.querySelector(".row-list");
    if (op === "add") {
      var tpl = section.querySelector("template.row-template");
      var row = tpl.content.firstElementChild.cloneNode(true);
      row.setAttribute("data-index", "999");
      list.appendChild(row);
      renumber(section);
      var first = row.querySelector("input, textarea");
      if (first) first.focus();
    } else {
      var row2 = button.closest(".row");
      if (op === "del") {
        var next = row2.nextElementSibling || row2.previousElementSibling;
        row2.remove();
        renumber(section);
        var f = next ? next.querySelector("input, textarea") : section.querySelector("button.add");
        if (f) f.focus();
      } else if (op === "up" && row2.previousElementSibling) {
        list.insertBefore(row2, row2.previousElementSibling);
        renumber(section);
        button.focus();
      } else if (op === "down" && row2.nextElementSibling) {
        list.insertBefore(row2.nextElementSibling, row2);
        renumber(section);
        button.focus();
      }
    }
    changed();
  }

  function setupForm(form) {
    var status = form.querySelector(".draft-status");
    var draft = form.querySelector("input[name=draft]");
    var timer = null, saving = false, dirty = false;

    function body() {
      var data = new URLSearchParams(new FormData(form));
      data.delete("op");
      return data;
    }

    function save() {
      timer = null;
      if (saving) { dirty = true; return; }
      saving = true; dirty = false;
      fetch(form.getAttribute("data-autosave"), {
        method: "POST", body: body(), credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      }).then(function (j) {
        draft.value = j.id;
        if (status) status.textContent = j.saved;
        var u = new URL(window.location.href);
        if (u.searchParams.get("draft") !== j.id) {
          u.searchParams.set("draft", j.id);
          u.searchParams.delete("check");
          u.searchParams.delete("conflict");
          window.history.replaceState(null, "", u.pathname + u.search);
        }
      }).catch(function () {
        if (status) status.textContent = form.getAttribute("data-unsaved") || "…";
        dirty = true;
      }).finally(function () {
        saving = false;
        if (dirty && !timer) timer = setTimeout(save, 2000);
      });
    }

    function changed() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 800);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-op]");
      if (!b || !form.contains(b)) return;
      e.preventDefault();
      rowOp(b, form, changed);
    });
    // Leaving the page (a closed tab, a link): keep what was typed last.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && timer) {
        clearTimeout(timer); timer = null;
        var blob = new Blob([body().toString()], { type: "application/x-www-form-urlencoded" });
        if (!draft.value || !navigator.sendBeacon(form.getAttribute("data-autosave"), blob)) save();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("meeting-form");
    if (form) setupForm(form);
    var summary = document.querySelector("#errors, #conflict");
    if (summary) summary.focus();
  });
})();
