// The import progress page: poll the job's JSON status, move the bar, and reload the page once the job has
// ended (the page then goes on to the result, or shows the error). Without JavaScript the page refreshes itself.
(function () {
  var box = document.querySelector("[data-job-status]");
  if (!box) { return; }
  var bar = document.getElementById("import-progress");
  var phase = document.getElementById("import-phase");
  var count = document.getElementById("import-count");
  function show(state) {
    bar.max = state.total || 1;
    bar.value = state.done;
    bar.textContent = state.percent + "%";
    phase.textContent = state.phase_label + "…";
    count.textContent = state.done.toLocaleString() + " of " + state.total.toLocaleString() + " people";
  }
  function poll() {
    fetch(box.dataset.jobStatus, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.status !== "running") { window.location.replace(state.url); return; }
        show(state);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
