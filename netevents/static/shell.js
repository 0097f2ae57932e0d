/* netevents app shell: the header menu closes on Escape, on a tap outside it and when the page is left.
   The menu is a <details>, so it opens and closes without this script too. */
"use strict";

document.querySelectorAll("details.nav-menu").forEach((menu) => {
  const summary = menu.querySelector("summary");
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      summary.focus();
    }
  });
  window.addEventListener("pagehide", () => { menu.open = false; });
});
