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

// A block revealed under a radio answer (cases/partials/radios_revealing.html, decision 0050):
// shown while the answer is chosen, and always without JavaScript. GOV.UK Frontend's own
// reveal marks every radio that has aria-controls aria-expanded, which ARIA does not allow on
// a radio (axe refuses the page); this is the same reveal without it, the block named by the
// radio's data-reveals.
function brytuppSyncReveals() {
  document.querySelectorAll("input[type=radio][data-reveals]").forEach(function (input) {
    var block = document.getElementById(input.getAttribute("data-reveals"));
    if (block) {
      block.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
    }
  });
}
document.addEventListener("change", function (event) {
  if (event.target instanceof HTMLInputElement && event.target.type === "radio") {
    brytuppSyncReveals();
  }
});
window.addEventListener("pageshow", brytuppSyncReveals);
brytuppSyncReveals();
