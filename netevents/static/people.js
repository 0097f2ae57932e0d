/* netevents people forms: "add another" inputs, the organization type-ahead, comma-separated tag completion.
   Everything here is an enhancement: the forms work without it. */
"use strict";

document.querySelectorAll("[data-repeated]").forEach((group) => {
  const button = group.querySelector("[data-add-input]");
  const inputs = group.querySelectorAll("input");
  // the server adds a blank box for browsers without this script; with it, the button adds boxes on demand
  if (inputs.length > 1 && !inputs[inputs.length - 1].value) inputs[inputs.length - 1].remove();
  button.hidden = false;
  button.addEventListener("click", () => {
    const inputs = group.querySelectorAll("input");
    const last = inputs[inputs.length - 1];
    const copy = last.cloneNode();
    copy.value = "";
    copy.id = `${inputs[0].id}-${inputs.length}`;
    copy.removeAttribute("aria-invalid");
    copy.removeAttribute("aria-describedby");
    last.after(copy);
    copy.focus();
  });
});

function option(value, label) {
  const element = document.createElement("option");
  element.value = value;
  if (label) element.label = label;
  return element;
}

document.querySelectorAll("input[data-suggest]").forEach((input) => {
  const list = document.getElementById(input.getAttribute("list"));
  const labels = new Set();
  let timer = null;
  let controller = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (!query || labels.has(input.value)) return;
    timer = setTimeout(async () => {
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const url = `${input.dataset.suggest}?q=${encodeURIComponent(query)}`;
        const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const { results } = await response.json();
        results.forEach((result) => labels.add(result.label));
        const detail = (result) => [result.organization, result.email].filter(Boolean).join(" · ");
        list.replaceChildren(...results.map((result) => option(result.label, detail(result))));
      } catch (error) {
        /* aborted by a newer keystroke, or offline: keep the current suggestions */
      }
    }, 150);
  });
});

document.querySelectorAll("input[data-tag-list]").forEach((input) => {
  const list = document.getElementById(input.getAttribute("list"));
  const tags = [...list.options].map((element) => element.value);
  input.addEventListener("input", () => {
    const cut = input.value.lastIndexOf(",");
    const head = cut < 0 ? "" : `${input.value.slice(0, cut + 1).trim()} `;
    const used = new Set(input.value.split(",").map((tag) => tag.trim().toLowerCase()));
    const free = tags.filter((tag) => !used.has(tag.toLowerCase()));
    list.replaceChildren(...free.map((tag) => option(head + tag, tag)));
  });
});
