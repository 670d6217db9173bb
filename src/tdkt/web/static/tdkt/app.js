// Small behaviours that templates declare with data- attributes: the Content-Security-Policy
// allows no inline script and no on…="" attribute.
//   <select data-autosubmit>                  submits its form when changed
//   <input type="checkbox" data-check-all="CSS selector">   ticks or clears every box it selects
//   a choice made in a picker (web/_picker.html) sends the event "picked" from the picker, so
//   that a form can refresh on it (hx-trigger="picked"), never on the search box's own change
document.addEventListener("change", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  if (target.matches("[data-autosubmit]") && target.form) target.form.submit();
  if (target.matches(".unit-picker input[type=radio]")) {
    target.closest(".unit-picker").dispatchEvent(new Event("picked", { bubbles: true }));
  }
  if (target.matches("[data-check-all]")) {
    document.querySelectorAll(target.dataset.checkAll).forEach((box) => {
      box.checked = target.checked;
    });
  }
});
