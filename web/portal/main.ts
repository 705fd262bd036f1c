// Progressive enhancement for the portal's pages (everything works without it): copy buttons for
// one-time links shown to admins.
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    const target = document.getElementById(button.dataset.copy ?? '');
    if (!target) return;
    void navigator.clipboard.writeText(target.textContent ?? '').then(() => {
      button.textContent = button.dataset.copied ?? button.textContent;
    });
  });
}
