/* Draws each chart from the JSON beside it, when it comes near the screen. No network: plotly.js is ours. */
(function () {
  "use strict";
  var config = {displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"]};

  function draw(element) {
    if (element.getAttribute("data-drawn")) { return; }
    element.setAttribute("data-drawn", "1");
    var spec = JSON.parse(document.getElementById(element.getAttribute("data-figure")).textContent);
    window.Plotly.newPlot(element, spec.data, spec.layout, config).then(function () {
      element.style.minHeight = "";
      element.classList.add("drawn");
    });
  }

  var charts = Array.prototype.slice.call(document.querySelectorAll("[data-figure]"));
  if (!window.Plotly || !charts.length) { return; }
  if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
    });
  }, {rootMargin: "400px 0px"});
  charts.forEach(function (chart) { observer.observe(chart); });
})();
