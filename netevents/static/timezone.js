/* Time zone fields: a new form is preset to this device's zone (the Intl API); on the settings page, a hint
   offers the device's zone when it differs from the saved one. Without this script the list still works. */
"use strict";

const deviceZone = (() => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return "";
  }
})();

function chooseZone(select, zone) {
  // a browser may name a zone by an older alias (Asia/Calcutta) that the list leaves out; the server accepts it
  if (![...select.options].some((option) => option.value === zone)) {
    select.add(new Option(zone.replaceAll("_", " "), zone), 0);
  }
  select.value = zone;
}

document.querySelectorAll("select[data-timezone]").forEach((select) => {
  if (!deviceZone || deviceZone === "Etc/Unknown") return;
  if (select.hasAttribute("data-timezone-preset")) {
    chooseZone(select, deviceZone);
    return;
  }
  const hint = select.form && select.form.querySelector("[data-timezone-device]");
  if (!hint || select.value === deviceZone) return;
  hint.querySelector("strong").textContent = deviceZone.replaceAll("_", " ");
  hint.querySelector("button").addEventListener("click", () => {
    chooseZone(select, deviceZone);
    hint.hidden = true;
    select.focus();
  });
  hint.hidden = false;
});
