// A web form's findings as the answers change: the answers are sent to the portal, which runs
// the form's controls and answers with the findings, the worked-out sums and which questions
// are asked. The rules live on the server only; the page works without this script.
(function () {
  "use strict";
  var form = document.getElementById("skjema");
  if (!form || !form.hasAttribute("data-live")) return;
  var url = form.getAttribute("data-live");
  var token = form.querySelector("input[name=csrf_token]");
  var timer = null;
  var sent = 0;

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

  function show(result) {
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
    result.findings.forEach(function (finding) {
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
          if (finding.severity === "error" || finding.severity === "fatal") box.classList.add("has-errors");
        }
      }
    });
    Object.keys(result.sums).forEach(function (name) {
      var output = form.querySelector("[data-sum=" + name + "]");
      if (output) output.textContent = result.sums[name] || "–";
    });
    var count = document.getElementById("telling");
    if (count) {
      if (result.errors) {
        count.textContent = result.errors + " feil må rettes før skjemaet kan sendes inn.";
      } else if (result.warnings) {
        count.textContent = "Ingen feil. " + result.warnings + (result.warnings === 1 ? " advarsel" : " advarsler") + " å se gjennom.";
      } else {
        count.textContent = "Ingen feil eller advarsler.";
      }
    }
    form.setAttribute("data-checked", String(Date.now()));
    if (again) check();
  }

  function check() {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && key !== "csrf_token" && key !== "handling") data.append(key, value);
    });
    var mine = ++sent;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": token ? token.value : "", "Content-Type": "application/x-www-form-urlencoded" },
      body: data.toString()
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (result) {
      if (mine === sent) show(result);  // an older answer arriving late is not shown
    }).catch(function () {
      var count = document.getElementById("telling");
      if (count) count.textContent = "Svarene kunne ikke kontrolleres nå. De kontrolleres når du trykker «Kontroller og gå til innsending».";
    });
  }

  function soon() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 250);
  }

  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  // Without this script every question is shown; with it, those not asked are hidden at once.
  check();
})();
