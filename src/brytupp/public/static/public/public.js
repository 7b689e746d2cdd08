// The public pages' one script (decision 0052): only the skip link and the quick exit, no
// other component, no inline script (CSP). GOV.UK Frontend's Exit this page leaves with
// location.href, which keeps this page in the history: Back would bring it up again. Here it
// leaves with location.replace, so the page's own entry is replaced by the neutral site.
(function () {
  var frontend = window.GOVUKFrontend;
  if (!frontend) {
    return;
  }
  document.body.classList.add("govuk-frontend-supported");

  class QuickExit extends frontend.ExitThisPage {
    exitPage() {
      if (!this.$updateSpan) {
        return;
      }
      this.$updateSpan.textContent = "";
      document.body.classList.add("govuk-exit-this-page-hide-content");
      this.$overlay = document.createElement("div");
      this.$overlay.className = "govuk-exit-this-page-overlay";
      this.$overlay.setAttribute("role", "alert");
      document.body.appendChild(this.$overlay);
      this.$overlay.textContent = this.i18n.t("activated");
      window.location.replace(this.$button.href);
    }
  }

  frontend.createAll(frontend.SkipLink);
  frontend.createAll(frontend.Button);
  frontend.createAll(QuickExit);
})();
