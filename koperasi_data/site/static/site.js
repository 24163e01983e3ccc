/* Draws each chart from the JSON beside it, when it comes near the screen. No network: plotly.js is ours. */
(function () {
  "use strict";
  var config = {displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"]};

  function merged(base, extra) {
    var result = {}, key;
    for (key in base || {}) { result[key] = base[key]; }
    for (key in extra) { result[key] = extra[key]; }
    return result;
  }

  // The figures are drawn for a projector; on a phone the same type would crowd the axes.
  function fitNarrow(spec, width) {
    if (width >= 560) { return; }
    var layout = spec.layout;
    var labelled = (spec.data || []).some(function (trace) {
      return (trace.type === "bar" || trace.type === "funnel") && trace.text;
    });
    layout.font = merged(layout.font, {size: 12});
    // Room on the right for counts written past the end of a bar; none needed otherwise.
    layout.margin = merged(layout.margin, {l: 4, r: labelled ? 64 : 16});
    layout.legend = merged(layout.legend, {font: {size: 12}});
    ["xaxis", "yaxis"].forEach(function (name) {
      var axis = layout[name] = merged(layout[name], {tickfont: {size: 11}});
      if (axis.title && typeof axis.title === "object") { axis.title = merged(axis.title, {font: {size: 12}}); }
    });
    // Fewer, level ticks instead of a slanted crowd of years.
    layout.xaxis = merged(layout.xaxis, {nticks: 6, tickangle: 0});
    (layout.annotations || []).forEach(function (note) { note.font = merged(note.font, {size: 10}); });
    (spec.data || []).forEach(function (trace) {
      if (trace.textfont) { trace.textfont = merged(trace.textfont, {size: 11}); }
      if (trace.type === "bar" || trace.type === "funnel") { trace.cliponaxis = false; }
    });
  }

  function draw(element) {
    if (element.getAttribute("data-drawn")) { return; }
    element.setAttribute("data-drawn", "1");
    var spec = JSON.parse(document.getElementById(element.getAttribute("data-figure")).textContent);
    fitNarrow(spec, element.clientWidth);
    window.Plotly.newPlot(element, spec.data, spec.layout, config).then(function () {
      element.style.minHeight = "";
      element.classList.add("drawn");
    });
  }

  var charts = Array.prototype.slice.call(document.querySelectorAll("[data-figure]"));
  if (!window.Plotly || !charts.length) { return; }
  // The first chart at once; the others as the reader scrolls towards them.
  draw(charts[0]);
  if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
    });
  }, {rootMargin: "400px 0px"});
  charts.forEach(function (chart) { observer.observe(chart); });
})();
