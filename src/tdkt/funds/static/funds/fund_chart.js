/* The fund's balances at the end of each month: <canvas data-fund-chart data-source="id"> drawn
   with Chart.js from the JSON the server wrote with json_script (labels, datasets). The table
   under the chart carries the same figures for readers without JavaScript. */
(function () {
  "use strict";

  var COLORS = ["#15803d", "#d4a017", "#9b1c1c"];
  var money = new Intl.NumberFormat("vi-VN");

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d, i) {
          return {
            label: d.label,
            data: d.data,
            borderColor: COLORS[i % COLORS.length],
            backgroundColor: COLORS[i % COLORS.length],
            borderWidth: 2,
            pointRadius: 3,
            tension: 0.2,
            borderDash: i === 2 ? [6, 4] : undefined
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: "vi-VN",
        scales: {
          y: { beginAtZero: true, ticks: { callback: function (v) { return money.format(v) + " đ"; } } }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (ctx) { return ctx.dataset.label + ": " + money.format(ctx.parsed.y) + " đ"; }
            }
          }
        }
      }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-fund-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
