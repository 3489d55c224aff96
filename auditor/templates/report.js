(function () {
  "use strict";
  var data = {};
  document.querySelectorAll("script.findings-data").forEach(function (node) {
    var part = JSON.parse(node.textContent);
    Object.keys(part).forEach(function (k) { data[k] = part[k]; });
  });
  var pop = document.getElementById("pop");
  var active = [];

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hide() {
    pop.hidden = true;
    active.forEach(function (m) { m.classList.remove("active"); });
    active = [];
  }

  function show(mark) {
    hide();
    var marks = [];
    for (var m = mark; m && m.matches && m.matches("mark.f"); m = m.parentElement) marks.push(m);
    while (pop.firstChild) pop.removeChild(pop.firstChild);
    var close = el("button", "close", "\u00d7");
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", hide);
    pop.appendChild(close);
    marks.forEach(function (m) {
      var f = data[m.getAttribute("data-finding")];
      if (!f) return;
      var item = el("div", "item");
      var head = el("div", "head");
      head.appendChild(el("span", "rule", f.rule));
      head.appendChild(el("span", "sev sev-" + f.severity, f.severity));
      head.appendChild(el("span", "cat", f.category + " \u00b7 " + f.name + " \u00b7 line " + f.line));
      item.appendChild(head);
      item.appendChild(el("div", "msg", f.message));
      if (f.suggestions.length) {
        var fix = el("div", "fix", "Suggested fix: ");
        f.suggestions.forEach(function (s, i) {
          if (i) fix.appendChild(document.createTextNode(" or "));
          fix.appendChild(el("ins", "suggestion", s === "" ? "(delete)" : s));
        });
        if (f.fix_safe) fix.appendChild(el("span", "safe", "  safe to apply automatically"));
        item.appendChild(fix);
      }
      pop.appendChild(item);
      document.querySelectorAll('mark.f[data-finding="' + m.getAttribute("data-finding") + '"]').forEach(function (x) {
        x.classList.add("active");
        active.push(x);
      });
    });
    var r = mark.getBoundingClientRect();
    pop.hidden = false;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 6) + "px";
  }

  document.addEventListener("click", function (e) {
    var mark = e.target.closest ? e.target.closest("mark.f") : null;
    if (mark && !mark.classList.contains("off")) { show(mark); return; }
    var row = e.target.closest ? e.target.closest("tr[data-target]") : null;
    if (row) {
      var target = document.getElementById(row.getAttribute("data-target"));
      if (target) {
        target.scrollIntoView({ block: "center" });
        show(target);
      }
      return;
    }
    if (!pop.contains(e.target)) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
    if ((e.key === "Enter" || e.key === " ") && e.target.matches && e.target.matches("mark.f")) {
      e.preventDefault();
      show(e.target);
    }
  });

  document.querySelectorAll(".filters").forEach(function (box) {
    var scope = box.closest(".doc") || document;
    var fam = box.querySelector(".filter-family");
    var sev = box.querySelector(".filter-severity");
    var count = box.querySelector(".count");
    function apply() {
      var shown = 0, rows = scope.querySelectorAll("tr[data-target]");
      rows.forEach(function (row) {
        var ok = (!fam.value || row.getAttribute("data-family") === fam.value) &&
                 (!sev.value || row.getAttribute("data-severity") === sev.value);
        row.hidden = !ok;
        if (ok) shown++;
      });
      scope.querySelectorAll("mark.f").forEach(function (m) {
        var ok = (!fam.value || m.getAttribute("data-family") === fam.value) &&
                 (!sev.value || m.getAttribute("data-severity") === sev.value);
        m.classList.toggle("off", !ok);
      });
      if (count) count.textContent = "Showing " + shown + " of " + rows.length;
      hide();
    }
    fam.addEventListener("change", apply);
    sev.addEventListener("change", apply);
  });
})();
