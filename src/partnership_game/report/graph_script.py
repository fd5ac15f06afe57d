"""The graph page's own script (pan, zoom, follow a box's edges) and the policy that lets it, and nothing else, run.

The script holds no scenario text: it reads the drawing's attributes, so its hash is fixed and the page's policy
names it exactly."""

from __future__ import annotations

import base64
import hashlib

SCRIPT = """
(function () {
  "use strict";
  var svg = document.getElementById("graph");
  if (!svg || !svg.viewBox || !svg.createSVGPoint) { return; }
  var full = svg.viewBox.baseVal;
  var home = {x: full.x, y: full.y, w: full.width, h: full.height};
  var view = {x: home.x, y: home.y, w: home.w, h: home.h};
  function apply() {
    svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
  }
  function toDrawing(clientX, clientY) {
    var p = svg.createSVGPoint();
    p.x = clientX; p.y = clientY;
    var m = svg.getScreenCTM();
    return m ? p.matrixTransform(m.inverse()) : {x: view.x + view.w / 2, y: view.y + view.h / 2};
  }
  function zoom(factor, cx, cy) {
    var w = Math.max(home.w / 40, Math.min(home.w * 2, view.w * factor));
    var k = w / view.w;
    view.x = cx - (cx - view.x) * k; view.y = cy - (cy - view.y) * k;
    view.w = w; view.h = view.h * k;
    apply();
  }
  function centre() { return {x: view.x + view.w / 2, y: view.y + view.h / 2}; }
  function fit() { view = {x: home.x, y: home.y, w: home.w, h: home.h}; apply(); }
  function actual() {
    var r = svg.getBoundingClientRect();
    view = {x: home.x, y: home.y, w: Math.max(r.width, 1), h: Math.max(r.height, 1)};
    apply();
  }
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var p = toDrawing(e.clientX, e.clientY);
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, {passive: false});
  var drag = null;
  svg.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) { return; }
    drag = {x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false};
  });
  window.addEventListener("pointermove", function (e) {
    if (!drag) { return; }
    var r = svg.getBoundingClientRect();
    var scale = Math.max(view.w / Math.max(r.width, 1), view.h / Math.max(r.height, 1));
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; svg.classList.add("dragging"); }
    view.x = drag.vx - dx * scale; view.y = drag.vy - dy * scale;
    apply();
  });
  window.addEventListener("pointerup", function () {
    if (drag && drag.moved) { svg.setAttribute("data-dragged", "1"); }
    drag = null; svg.classList.remove("dragging");
  });
  function follow(key) {
    var on = svg.classList.contains("following") && svg.getAttribute("data-follow") === key;
    var marked = svg.querySelectorAll(".on");
    for (var i = 0; i < marked.length; i++) { marked[i].classList.remove("on"); }
    if (on) { svg.classList.remove("following"); svg.removeAttribute("data-follow"); return; }
    svg.classList.add("following"); svg.setAttribute("data-follow", key);
    var edges = svg.querySelectorAll(".edge");
    for (var j = 0; j < edges.length; j++) {
      var from = edges[j].getAttribute("data-from"), to = edges[j].getAttribute("data-to");
      if (from === key || to === key) {
        edges[j].classList.add("on");
        var ends = svg.querySelectorAll(".node");
        for (var k = 0; k < ends.length; k++) {
          var id = ends[k].getAttribute("data-key");
          if (id === from || id === to) { ends[k].classList.add("on"); }
        }
      }
    }
  }
  var nodes = svg.querySelectorAll(".node");
  for (var n = 0; n < nodes.length; n++) {
    nodes[n].addEventListener("click", function (e) {
      if (svg.getAttribute("data-dragged") === "1") { svg.removeAttribute("data-dragged"); return; }
      follow(e.currentTarget.getAttribute("data-key"));
    });
    nodes[n].addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); follow(e.currentTarget.getAttribute("data-key")); }
    });
  }
  svg.addEventListener("click", function () {
    if (svg.getAttribute("data-dragged") === "1") { svg.removeAttribute("data-dragged"); }
  });
  var actions = {"zoom-in": function () { var c = centre(); zoom(1 / 1.4, c.x, c.y); },
                 "zoom-out": function () { var c = centre(); zoom(1.4, c.x, c.y); },
                 "fit": fit, "actual": actual};
  var buttons = document.querySelectorAll("[data-action]");
  for (var b = 0; b < buttons.length; b++) {
    buttons[b].addEventListener("click", function (e) { actions[e.currentTarget.getAttribute("data-action")](); });
  }
  document.addEventListener("keydown", function (e) {
    if (e.target && e.target.tagName === "INPUT") { return; }
    var step = view.w / 10, c = centre();
    if (e.key === "+" || e.key === "=") { zoom(1 / 1.4, c.x, c.y); }
    else if (e.key === "-") { zoom(1.4, c.x, c.y); }
    else if (e.key === "0") { fit(); }
    else if (e.key === "1") { actual(); }
    else if (e.key === "ArrowLeft") { view.x -= step; apply(); }
    else if (e.key === "ArrowRight") { view.x += step; apply(); }
    else if (e.key === "ArrowUp") { view.y -= step; apply(); }
    else if (e.key === "ArrowDown") { view.y += step; apply(); }
    else { return; }
    e.preventDefault();
  });
  window.addEventListener("beforeprint", fit);
  actual();
})();
"""


def script_hash() -> str:
    """The CSP source that allows exactly this script: 'sha256-...' of its text."""
    digest = hashlib.sha256(SCRIPT.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy() -> str:
    """Inline style, this one script, inline images; nothing fetched, no forms, no frames, no other base."""
    return ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src {script_hash()}; base-uri 'none'; form-action 'none'")
