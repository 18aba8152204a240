// Comportements des pages, sans script en ligne (Content-Security-Policy, issue 13).
//   data-submit-on-change : la liste déroulante envoie son formulaire dès qu'on change de choix ;
//   data-print : le bouton ouvre l'impression de la page.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-submit-on-change]");
  if (field && field.form) field.form.submit();
});
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
// Formulaire renvoyé avec des erreurs : le focus va au résumé des erreurs (lu par les lecteurs d'écran).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
// Choix d'un jeune (data-picker, parcours/www/pickers.py) : htmx remplit la liste des propositions à chaque
// frappe ; flèches haut et bas pour parcourir, Entrée pour choisir, Échap pour fermer ; le clic choisit aussi.
// Le choix écrit l'identifiant dans le champ caché ; retaper le nom efface le choix.
const pickerParts = (element) => {
  const root = element.closest("[data-picker]");
  if (!root) return null;
  return {
    root,
    input: root.querySelector("[data-picker-input]"),
    value: root.querySelector("[data-picker-value]"),
    list: root.querySelector("[data-picker-options]"),
    status: root.querySelector("[data-picker-status]"),
  };
};
const pickerOptions = (parts) => [...parts.list.querySelectorAll("[role=option][data-value]")];
const pickerClose = (parts) => {
  parts.list.hidden = true;
  parts.input.setAttribute("aria-expanded", "false");
  parts.input.removeAttribute("aria-activedescendant");
};
const pickerActivate = (parts, option) => {
  pickerOptions(parts).forEach((item) => item.setAttribute("aria-selected", item === option ? "true" : "false"));
  if (option) {
    parts.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }
};
// Choix de plusieurs jeunes (data-picker-multiple) : chaque choix ajoute une case cochée à la liste des choisis
// et vide la saisie pour le suivant ; décocher la case retire le jeune.
const pickerAdd = (parts, option) => {
  const chosen = parts.root.querySelector("[data-picker-chosen]");
  const name = parts.root.dataset.pickerName;
  const box = [...chosen.querySelectorAll("input[type=checkbox]")].find((item) => item.value === option.dataset.value);
  if (box) {
    box.checked = true;
  } else {
    const item = document.createElement("li");
    item.className = "fr-checkbox-group fr-checkbox-group--sm";
    const input = document.createElement("input");
    Object.assign(input, { type: "checkbox", name, value: option.dataset.value, checked: true });
    input.id = `${parts.input.id}-choisi-${option.dataset.value}`;
    const text = document.createElement("label");
    text.className = "fr-label";
    text.htmlFor = input.id;
    text.textContent = option.dataset.label;
    item.append(input, text);
    chosen.append(item);
  }
  parts.input.value = "";
  parts.status.textContent = `Ajouté : ${option.dataset.label}`;
  parts.list.replaceChildren();
  pickerClose(parts);
};
const pickerChoose = (parts, option) => {
  if ("pickerMultiple" in parts.root.dataset) return pickerAdd(parts, option);
  parts.value.value = option.dataset.value;
  parts.input.value = option.dataset.label;
  parts.status.textContent = `Choisi : ${option.dataset.label}`;
  pickerClose(parts);
};
document.addEventListener("htmx:afterSwap", (event) => {
  const parts = pickerParts(event.target);
  if (!parts || event.target !== parts.list) return;
  const open = parts.list.children.length > 0;
  parts.list.hidden = !open;
  parts.input.setAttribute("aria-expanded", open ? "true" : "false");
  parts.input.removeAttribute("aria-activedescendant");
});
document.addEventListener("input", (event) => {
  if (!event.target.matches("[data-picker-input]")) return;
  const parts = pickerParts(event.target);
  if (!parts.value) return; // plusieurs jeunes : taper ne retire aucun choix
  parts.value.value = "";
  parts.status.textContent = "";
});
document.addEventListener("keydown", (event) => {
  if (!event.target.matches("[data-picker-input]")) return;
  const parts = pickerParts(event.target);
  const options = pickerOptions(parts);
  const current = options.findIndex((item) => item.getAttribute("aria-selected") === "true");
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    if (!options.length) return;
    event.preventDefault();
    parts.list.hidden = false;
    parts.input.setAttribute("aria-expanded", "true");
    const step = event.key === "ArrowDown" ? 1 : -1;
    const next = current === -1 ? (step === 1 ? 0 : options.length - 1) : (current + step + options.length) % options.length;
    pickerActivate(parts, options[next]);
  } else if (event.key === "Enter" && !parts.list.hidden && current !== -1) {
    event.preventDefault(); // Entrée choisit la proposition au lieu d'envoyer le formulaire
    pickerChoose(parts, options[current]);
  } else if (event.key === "Escape" && !parts.list.hidden) {
    event.preventDefault();
    pickerClose(parts);
  }
});
document.addEventListener("click", (event) => {
  const option = event.target.closest("[data-picker-options] [role=option][data-value]");
  if (option) {
    const parts = pickerParts(option);
    pickerChoose(parts, option);
    parts.input.focus();
    return;
  }
  document.querySelectorAll("[data-picker]").forEach((root) => {
    if (!root.contains(event.target)) pickerClose(pickerParts(root));
  });
});
