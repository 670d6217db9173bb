/* Dashboard charts: each <canvas data-chart data-source="id"> is drawn with Chart.js from the
   JSON the server wrote with json_script (labels, datasets with data, urls and notes). Clicking a
   bar or a point opens the list behind it; the table under each chart carries the same figures
   and links for readers without JavaScript. */
(function () {
  "use strict";

  var PALETTE = ["#9b1c1c", "#d4a017", "#1d4ed8", "#15803d", "#7c3aed", "#0e7490", "#c2410c",
    "#be185d", "#4b5563", "#65a30d", "#0f766e", "#a16207"];
  var integer = new Intl.NumberFormat("vi-VN");
  var decimal = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function format(value, percent) {
    if (value === null || value === undefined) { return "—"; }
    return percent ? decimal.format(value) + " %" : integer.format(value);
  }

  function datasets(spec) {
    return spec.datasets.map(function (d, i) {
      var color = PALETTE[i % PALETTE.length];
      var line = spec.kind === "line";
      return {
        label: d.label,
        data: d.data,
        backgroundColor: line ? color : color + (spec.stacked ? "" : "dd"),
        borderColor: color,
        borderWidth: line ? 2 : 0,
        pointRadius: line ? 4 : undefined,
        pointHoverRadius: line ? 6 : undefined,
        spanGaps: true,
        tension: 0.2
      };
    });
  }

  function axes(spec) {
    var value = {
      stacked: spec.stacked,
      beginAtZero: true,
      ticks: { callback: function (v) { return format(v, spec.percent); } }
    };
    if (spec.percent) { value.suggestedMax = 100; }
    if (spec.log) {
      // Only the powers of ten are labelled: 1, 10, 100, 1.000, 10.000.
      value = {
        type: "logarithmic",
        min: 0.8,
        ticks: {
          maxRotation: 0,
          callback: function (v) {
            var power = Math.log10(v);
            return Math.abs(power - Math.round(power)) < 1e-9 ? integer.format(v) : "";
          }
        }
      };
    }
    var category = { stacked: spec.stacked, ticks: { autoSkip: false } };
    return spec.horizontal ? { x: value, y: category } : { x: category, y: value };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var chart = new Chart(canvas, {
      type: spec.kind,
      data: { labels: spec.labels, datasets: datasets(spec) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: "vi-VN",
        indexAxis: spec.horizontal ? "y" : "x",
        interaction: { mode: "nearest", intersect: true },
        scales: axes(spec),
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var d = spec.datasets[ctx.datasetIndex];
                var text = d.label + ": " + format(d.data[ctx.dataIndex], spec.percent);
                if (d.notes && d.notes[ctx.dataIndex]) { text += " (" + d.notes[ctx.dataIndex] + ")"; }
                return text;
              },
              footer: function () { return spec.hint || ""; }
            }
          }
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length ? "pointer" : "default";
        },
        onClick: function (event, elements) {
          if (!elements.length) { return; }
          var hit = elements[0];
          var url = (spec.datasets[hit.datasetIndex].urls || [])[hit.index];
          if (url) { window.location.assign(url); }
        }
      }
    });
    canvas.dataset.drawn = String(chart.data.datasets.length);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
