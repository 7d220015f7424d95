// A web form's findings as the answers change, and its draft saved as the reporter types.
//
// The answers are sent to the portal, which runs the form's controls and answers with the
// findings, the worked-out sums and which questions are asked. The rules live on the server
// only; the page works without this script.
//
// A form being filled in does not shout: a question's findings are shown once the reporter has
// been there (left it, or chosen an answer), or when it had an answer as the page came, or when
// the page shows the answers as checked (`data-checked-all`, after «Kontroller»). Until then a
// mandatory question not answered yet counts only as remaining (services/webforms.py `summary`
// says the same words on the server).
//
// The draft is saved 1.5 seconds after the last change (`data-draft`, JSON); while a change is
// not saved, or saving failed, leaving the page asks first.
(function () {
  "use strict";
  var form = document.getElementById("skjema");
  if (!form || !form.hasAttribute("data-live")) return;
  var url = form.getAttribute("data-live");
  var draftUrl = form.getAttribute("data-draft");
  var token = form.querySelector("input[name=csrf_token]");
  var showAll = form.hasAttribute("data-checked-all");
  var visited = {};
  var last = null;
  var timer = null;
  var sent = 0; // checks asked for
  var answeredSeq = 0; // the check whose findings are shown
  var SAVE_AFTER_MS = 1500;
  var saveTimer = null;
  var changes = 0; // changes made on this page
  var savedChanges = 0; // changes the last successful save holds
  var saving = false;

  function clear(list) {
    while (list.firstChild) list.removeChild(list.firstChild);
  }

  function item(finding) {
    var li = document.createElement("li");
    li.className = "sev-" + finding.severity;
    var badge = document.createElement("span");
    badge.className = "sev sev-" + finding.severity;
    badge.textContent = finding.severity_label;
    li.appendChild(badge);
    li.appendChild(document.createTextNode(" " + finding.message));
    return li;
  }

  function answered(box) {
    return Array.prototype.some.call(box.querySelectorAll("input"), function (input) {
      return !input.disabled && (input.type === "radio" ? input.checked : input.value.trim() !== "");
    });
  }

  function shown(finding) {
    return showAll || finding.fields.some(function (name) { return visited[name]; });
  }

  function blocks(finding) {
    return finding.severity === "error" || finding.severity === "fatal";
  }

  function summary(errors, remaining, warnings) {
    var said = [];
    if (errors) said.push(errors + " feil må rettes før skjemaet kan sendes inn.");
    if (remaining) said.push(remaining + " spørsmål gjenstår å besvare.");
    if (warnings && !errors) {
      said.push((remaining ? "" : "Ingen feil. ") + warnings + (warnings === 1 ? " advarsel" : " advarsler") + " å se gjennom.");
    }
    return said.length ? said.join(" ") : "Ingen feil eller advarsler.";
  }

  function show(result) {
    last = result;
    // An answer to a question that has just stopped being asked was checked as given; it is
    // left out from now on (a disabled input is not sent), so check once more without it.
    var again = false;
    form.querySelectorAll("[data-question]").forEach(function (box) {
      var name = box.getAttribute("data-question");
      var asked = !(name in result.asked) || result.asked[name];
      if (box.hasAttribute("data-conditional")) {
        if (!asked && answered(box)) again = true;
        box.hidden = !asked;
        box.querySelectorAll("input").forEach(function (input) { input.disabled = !asked || form.hasAttribute("data-readonly"); });
        box.querySelectorAll(".condition").forEach(function (note) { note.hidden = true; });
      }
      var list = document.getElementById("funn-" + name);
      if (list) clear(list);
      box.classList.remove("has-findings", "has-errors");
    });
    var general = document.getElementById("generelle-funn");
    if (general) clear(general);
    var errors = 0, remaining = 0, warnings = 0;
    result.findings.forEach(function (finding) {
      if (finding.fields.length && !shown(finding)) {
        if (finding.missing) remaining += 1;
        return;
      }
      if (blocks(finding)) errors += 1;
      else if (finding.severity === "warning") warnings += 1;
      if (!finding.fields.length) {
        if (general) general.appendChild(item(finding));
        return;
      }
      var list = document.getElementById("funn-" + finding.fields[0]);
      if (list) {
        list.appendChild(item(finding));
        var box = document.getElementById("sporsmal-" + finding.fields[0]);
        if (box) {
          box.classList.add("has-findings");
          // Red where something must be corrected; amber where there is only something to check.
          if (blocks(finding)) box.classList.add("has-errors");
        }
      }
    });
    Object.keys(result.sums).forEach(function (name) {
      var output = form.querySelector("[data-sum=" + name + "]");
      if (output) output.textContent = result.sums[name] || "–";
    });
    var count = document.getElementById("telling");
    if (count) count.textContent = summary(errors, remaining, warnings);
    form.setAttribute("data-checked", String(Date.now()));
    if (again) check();
  }

  function answers() {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && key !== "csrf_token" && key !== "handling") data.append(key, value);
    });
    return data;
  }

  function post(to, data) {
    return fetch(to, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": token ? token.value : "", "Content-Type": "application/x-www-form-urlencoded" },
      body: data.toString()
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
  }

  function check() {
    timer = null;
    var mine = ++sent;
    post(url, answers()).then(function (result) {
      if (mine === sent) {  // an older answer arriving late is not shown
        answeredSeq = mine;
        show(result);
      }
    }).catch(function () {
      var count = document.getElementById("telling");
      if (count) count.textContent = "Svarene kunne ikke kontrolleres nå. De kontrolleres når du trykker «Kontroller og gå til innsending».";
    });
  }

  function soon() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 250);
  }

  // --- the draft, saved as the reporter types ---------------------------------------------------

  var status = document.getElementById("utkast-status");

  function say(text) {
    if (status) status.textContent = text;
  }

  function unsaved() {
    return changes !== savedChanges;
  }

  function warn(event) {
    // Only while a change is not saved; browsers show their own words.
    event.preventDefault();
    event.returnValue = "";
    return "";
  }

  function guard() {
    if (unsaved()) window.addEventListener("beforeunload", warn);
    else window.removeEventListener("beforeunload", warn);
    form.setAttribute("data-unsaved", unsaved() ? "ja" : "nei");
  }

  function save() {
    saveTimer = null;
    if (!draftUrl || saving || !unsaved()) return;
    saving = true;
    var holds = changes;
    post(draftUrl, answers()).then(function (result) {
      saving = false;
      savedChanges = Math.max(savedChanges, holds);
      say(result.message);
      guard();
      if (unsaved() && !saveTimer) saveTimer = setTimeout(save, SAVE_AFTER_MS);
    }).catch(function () {
      saving = false;
      say("Utkastet kunne ikke lagres nå. Trykk «Lagre utkast», eller prøv igjen om litt.");
      guard();
    });
  }

  function changed() {
    changes += 1;
    guard();
    if (!draftUrl) return;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_AFTER_MS);
  }

  // --- where the reporter has been ------------------------------------------------------------

  function questionOf(element) {
    return element && element.closest ? element.closest("[data-question]") : null;
  }

  function visit(box) {
    if (!box) return;
    var name = box.getAttribute("data-question");
    if (visited[name]) return;
    visited[name] = true;
    // Findings of answers not yet checked would be stale: the check on its way shows them.
    if (last && !timer && answeredSeq === sent) show(last);
  }

  form.addEventListener("input", function () { changed(); soon(); });
  form.addEventListener("change", function (event) {
    // A choice made is an answer given: that question has been visited.
    if (event.target && event.target.type === "radio") visit(questionOf(event.target));
    changed();
    soon();
  });
  form.addEventListener("focusout", function (event) {
    var box = questionOf(event.target);
    if (box && !box.contains(event.relatedTarget)) visit(box);
  });
  // The buttons post the answers (and save them): nothing is lost by leaving this way.
  form.addEventListener("submit", function () {
    if (saveTimer) clearTimeout(saveTimer);
    window.removeEventListener("beforeunload", warn);
  });

  form.querySelectorAll("[data-question]").forEach(function (box) {
    if (answered(box)) visited[box.getAttribute("data-question")] = true;
  });
  form.setAttribute("data-unsaved", "nei");
  // Without this script every question is shown; with it, those not asked are hidden at once.
  check();
})();
