// Small enhancements of the portal's pages; every page works without them.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest("[data-print]")) {
      window.print();
      return;
    }
    var all = target.closest("[data-check-all]");
    if (all) {
      var table = document.getElementById(all.getAttribute("data-check-all"));
      if (table) {
        table.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = true; });
      }
    }
  });
  // A long upload: say that the file is being checked, and keep the button from a second press.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-busy")) return;
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = true;
      button.textContent = form.getAttribute("data-busy");
    }
  });
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
})();
