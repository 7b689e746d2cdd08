// Progressive enhancement for GOV.UK Frontend components; no inline script anywhere (CSP).
document.body.classList.add("govuk-frontend-supported");
if (window.GOVUKFrontend) {
  window.GOVUKFrontend.initAll();
}
document.body.addEventListener("htmx:afterSwap", function (event) {
  if (window.GOVUKFrontend) {
    window.GOVUKFrontend.initAll({ scope: event.detail.target });
  }
});
