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
    [["data-check-all", true], ["data-uncheck-all", false]].forEach(function (pair) {
      var button = target.closest("[" + pair[0] + "]");
      var table = button && document.getElementById(button.getAttribute(pair[0]));
      if (table) {
        table.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = pair[1]; });
      }
    });
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
