// "Copy link" on the subscribe page: the clipboard API where allowed, else select the text for the user to copy.
document.querySelectorAll("[data-copy]").forEach(function (button) {
  button.addEventListener("click", function () {
    var field = document.getElementById(button.dataset.copy);
    var status = document.getElementById("copy-status");
    field.select();
    function done(text) { if (status) { status.textContent = text; } }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { done("Link copied."); },
        function () { done("Press Ctrl+C (or ⌘C) to copy the selected link."); });
    } else {
      done(document.execCommand && document.execCommand("copy") ? "Link copied." : "Press Ctrl+C (or ⌘C) to copy the selected link.");
    }
  });
});
