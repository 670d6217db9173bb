// Small behaviours that templates declare with data- attributes: the Content-Security-Policy
// allows no inline script and no on…="" attribute.
//   <select data-autosubmit>                  submits its form when changed
//   <input type="checkbox" data-check-all="CSS selector">   ticks or clears every box it selects
document.addEventListener("change", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  if (target.matches("[data-autosubmit]") && target.form) target.form.submit();
  if (target.matches("[data-check-all]")) {
    document.querySelectorAll(target.dataset.checkAll).forEach((box) => {
      box.checked = target.checked;
    });
  }
});
