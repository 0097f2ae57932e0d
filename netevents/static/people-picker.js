/* The people picker: type a few letters, pick from the people search, see chips, remove one with a tap.
   Keyboard and screen readers get the ARIA combobox pattern from @github/combobox-nav (vendored).
   templates/_people_picker.html renders it so that it also works without this script. */
import Combobox from "./vendor/combobox-nav.js";

const DELAY_MS = 150;
const MIN_LETTERS = 2;

function detailOf(result) {
  return result.organization || result.email || "";
}

class PeoplePicker {
  constructor(root) {
    this.root = root;
    this.multiple = root.dataset.multiple === "true";
    this.field = root.dataset.field;
    this.chips = root.querySelector(".picker-chips");
    this.input = root.querySelector(".picker-box input");
    this.list = root.querySelector("[role=listbox]");
    this.status = root.querySelector(".picker-status");
    this.template = root.querySelector("template.picker-chip-template");
    this.combobox = new Combobox(this.input, this.list, { tabInsertsSuggestions: false, firstOptionSelectionMode: "active" });
    this.timer = null;
    this.request = null;
    this.upgradeServerChips();
    this.input.addEventListener("input", () => this.schedule());
    this.input.addEventListener("keydown", (event) => this.onKey(event));
    this.input.addEventListener("blur", () => this.close());
    this.input.addEventListener("focus", () => { if (this.input.value.trim().length >= MIN_LETTERS) this.schedule(); });
    // keep the focus in the box while an option is tapped or clicked, so the pick is not lost to a blur
    this.list.addEventListener("mousedown", (event) => event.preventDefault());
    this.list.addEventListener("combobox-commit", (event) => this.pick(event.target.closest("[role=option]")));
    root.classList.add("is-enhanced");
  }

  upgradeServerChips() {
    this.chips.querySelectorAll(".picker-chip").forEach((chip) => {
      const box = chip.querySelector("input[type=checkbox]");
      const small = chip.querySelector("small");
      const person = { id: box.value, name: chip.querySelector(".chip-name").textContent, detail: small ? small.textContent : "" };
      chip.replaceWith(this.chip(person));
    });
  }

  chip(person) {
    const chip = this.template.content.firstElementChild.cloneNode(true);
    chip.dataset.id = person.id;
    chip.dataset.name = person.name;
    chip.querySelector("input").value = person.id;
    chip.querySelector(".chip-name").textContent = person.name;
    const small = chip.querySelector("small");
    if (person.detail) small.textContent = person.detail; else small.remove();
    const remove = chip.querySelector(".chip-remove");
    remove.setAttribute("aria-label", `Remove ${person.name}`);
    remove.addEventListener("click", () => this.remove(chip));
    return chip;
  }

  chosen() {
    return [...this.chips.querySelectorAll(".picker-chip")].map((chip) => ({ id: chip.dataset.id, name: chip.dataset.name }));
  }

  onKey(event) {
    if (event.key === "Escape" && !this.list.hidden) {
      this.close();
      event.preventDefault();
    } else if (event.key === "Backspace" && !this.input.value) {
      const chips = this.chips.querySelectorAll(".picker-chip");
      if (chips.length) this.remove(chips[chips.length - 1]);
    } else if (event.key === "ArrowDown" && this.list.hidden && this.input.value.trim().length >= MIN_LETTERS) {
      this.schedule();
    }
  }

  schedule() {
    clearTimeout(this.timer);
    const query = this.input.value.trim();
    if (query.length < MIN_LETTERS) {
      this.close();
      return;
    }
    this.timer = setTimeout(() => this.search(query), DELAY_MS);
  }

  async search(query) {
    if (this.request) this.request.abort();
    this.request = new AbortController();
    try {
      const url = `${this.root.dataset.suggest}?q=${encodeURIComponent(query)}`;
      const response = await fetch(url, { signal: this.request.signal, headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const { results } = await response.json();
      if (this.input.value.trim() === query && document.activeElement === this.input) this.show(results, query);
    } catch (error) {
      /* aborted by a newer keystroke, or offline: the form still takes the typed name */
    }
  }

  show(results, query) {
    const taken = new Set(this.chosen().map((person) => person.id));
    const fresh = results.filter((result) => !taken.has(String(result.id)));
    const options = fresh.map((result) => {
      const option = document.createElement("li");
      option.setAttribute("role", "option");
      option.id = `${this.list.id}-${result.id}`;
      option.dataset.id = result.id;
      option.dataset.name = result.name;
      option.dataset.detail = detailOf(result);
      const name = document.createElement("span");
      name.textContent = result.name;
      option.append(name);
      if (option.dataset.detail) {
        const detail = document.createElement("small");
        detail.textContent = option.dataset.detail;
        option.append(" ", detail);
      }
      return option;
    });
    if (!options.length) {
      const none = document.createElement("li");
      none.setAttribute("role", "option");
      none.setAttribute("aria-disabled", "true");
      none.className = "picker-none";
      none.textContent = results.length ? `Everyone matching “${query}” is already chosen` : `Nobody matches “${query}”`;
      options.push(none);
    }
    this.list.replaceChildren(...options);
    this.open();
    this.say(fresh.length ? `${fresh.length} ${fresh.length === 1 ? "person" : "people"} found; arrow keys to choose` : options[0].textContent);
  }

  open() {
    if (this.list.hidden) {
      this.list.hidden = false;
      this.combobox.start();
    } else {
      this.combobox.resetSelection();
    }
  }

  close() {
    clearTimeout(this.timer);
    if (!this.list.hidden) {
      this.combobox.stop();
      this.list.hidden = true;
    }
  }

  pick(option) {
    if (!option || option.getAttribute("aria-disabled") === "true") return;
    if (!this.multiple) this.chips.replaceChildren();
    this.chips.append(this.chip({ id: option.dataset.id, name: option.dataset.name, detail: option.dataset.detail }));
    this.input.value = "";
    this.close();
    this.input.focus();
    this.changed(`Added ${option.dataset.name}.`);
  }

  remove(chip) {
    const name = chip.dataset.name;
    chip.remove();
    this.input.focus();
    this.changed(`Removed ${name}.`);
  }

  changed(message) {
    const people = this.chosen();
    this.chips.toggleAttribute("data-empty", !people.length);
    const count = this.multiple ? ` ${people.length} chosen.` : "";
    this.say(message + count);
    this.root.dispatchEvent(new CustomEvent("people-picker-change", { bubbles: true, detail: { field: this.field, people } }));
  }

  say(message) {
    this.status.textContent = message;
  }
}

/* A <select data-people-options="FIELD"> offers the people chosen in picker FIELD (its first option stays). */
function followPicker(select) {
  document.addEventListener("people-picker-change", (event) => {
    if (event.detail.field !== select.dataset.peopleOptions) return;
    const kept = select.value;
    const first = select.options[0];
    select.replaceChildren(first, ...event.detail.people.map((person) => new Option(person.name, person.id)));
    select.value = [...select.options].some((option) => option.value === kept) ? kept : first.value;
  });
}

document.querySelectorAll("[data-people-picker]").forEach((root) => new PeoplePicker(root));
document.querySelectorAll("select[data-people-options]").forEach(followPicker);
