// A node's stake and credited rewards over time, as an SVG drawn here (values are BigInt;
// only pixel positions are Numbers).
import { formatAmount } from "./amounts.js";

const NS = "http://www.w3.org/2000/svg";
const WIDTH = 640, HEIGHT = 220, PAD = 36;

function element(name, attributes, text) {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function line(points, key, max, first, span, cssClass) {
  const path = points.map((p) => {
    const x = PAD + ((Number(p.time) - first) * (WIDTH - 2 * PAD)) / span;
    const y = HEIGHT - PAD - Number((BigInt(p[key]) * BigInt(HEIGHT - 2 * PAD)) / max);
    return `${x.toFixed(1)},${y}`;
  });
  return element("polyline", { points: path.join(" "), class: cssClass });
}

export function historyChart(history, decimals) {
  const svg = element("svg", { class: "chart", width: WIDTH, height: HEIGHT,
                               viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img" });
  if (history.length === 0) {
    svg.append(element("text", { x: PAD, y: HEIGHT / 2 }, "No stake yet."));
    return svg;
  }
  const points = history.length === 1 ? [history[0], history[0]] : history;
  let max = 1n;
  for (const p of points) {
    for (const key of ["stake", "rewards"]) if (BigInt(p[key]) > max) max = BigInt(p[key]);
  }
  const first = Number(points[0].time);
  const span = Math.max(1, Number(points[points.length - 1].time) - first);
  svg.append(
    element("line", { x1: PAD, y1: HEIGHT - PAD, x2: WIDTH - PAD, y2: HEIGHT - PAD,
                      stroke: "#9ca3af" }),
    line(points, "stake", max, first, span, "stake"),
    line(points, "rewards", max, first, span, "rewards"),
    element("text", { x: PAD, y: 16 }, `max ${formatAmount(max, decimals)}`),
    element("text", { x: WIDTH - PAD - 170, y: 16, class: "stake-legend" }, "— stake"),
    element("text", { x: WIDTH - PAD - 110, y: 16, class: "rewards-legend" },
            "— rewards credited"),
    element("text", { x: PAD, y: HEIGHT - 12 },
            new Date(first * 1000).toISOString().slice(0, 16).replace("T", " ")),
  );
  return svg;
}
