// A link marked data-print opens the browser's print dialog; without script it opens the page with how to print.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-print]");
  if (!link || typeof window.print !== "function") return;
  event.preventDefault();
  window.print();
});
