// The console's only script, served from /assets/console.js (the CSP allows no inline script). The pages
// work without it; it adds a "select all" box to the alert queue's bulk dismiss.
document.addEventListener('change', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.matches('[data-select-all]')) return;
  for (const item of box.form?.querySelectorAll('input[type=checkbox][name=ids]') ?? []) item.checked = box.checked;
});
