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
