// The region search as a combobox (WAI-ARIA 1.2, list autocomplete): suggestions from
// /statistikk/forslag as one types; arrow keys move through them, Enter opens the one chosen,
// Escape closes the list. Without this script the form opens the page of results.
(function () {
  "use strict";
  var box = document.querySelector("[data-region-search]");
  if (!box) return;
  var input = box.querySelector("input");
  var list = box.querySelector("[role=listbox]");
  var status = box.querySelector("[data-status]");
  var year = input.form.querySelector("[name=aar]");
  var active = -1;
  var asked = 0;
  var timer = null;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  function options() {
    return list.querySelectorAll("[role=option]");
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function open() {
    if (!options().length) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function move(to) {
    var all = options();
    if (!all.length) return;
    open();
    active = (to + all.length) % all.length;
    all.forEach(function (option, index) {
      option.setAttribute("aria-selected", index === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }

  function show(found) {
    list.textContent = "";
    found.forEach(function (region, index) {
      var option = document.createElement("li");
      option.id = list.id + "-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-url", region.url);
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = region.name;
      var detail = document.createElement("span");
      detail.className = "detail";
      detail.textContent = region.detail;
      option.append(name, " ", detail);
      list.appendChild(option);
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (found.length) {
      open();
      status.textContent = found.length === 1 ? "1 forslag" : found.length + " forslag";
    } else {
      close();
      status.textContent = "Ingen regioner passer";
    }
  }

  function ask() {
    var typed = input.value.trim();
    var mine = ++asked;
    if (!typed) {
      list.textContent = "";
      status.textContent = "";
      close();
      return;
    }
    var query = new URLSearchParams({ q: typed });
    if (year && year.value) query.set("aar", year.value);
    fetch("/statistikk/forslag?" + query.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (found) { if (mine === asked) show(found); })
      .catch(function () { /* the form still opens the page of results */ });
  }

  function go(index) {
    var option = options()[index];
    if (option) window.location.assign(option.getAttribute("data-url"));
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) {
        open();
        return;
      }
      move(event.key === "ArrowDown" ? active + 1 : (active < 0 ? -1 : active - 1));
    } else if (event.key === "Enter") {
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        go(active);
      }
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      } else {
        input.value = "";
      }
    }
  });
  input.addEventListener("blur", close);
  // A click on a suggestion keeps the focus in the field, then opens the region.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  list.addEventListener("click", function (event) {
    var option = event.target instanceof Element && event.target.closest("[role=option]");
    if (option) go(Array.prototype.indexOf.call(options(), option));
  });
})();
