// The preview page: width, colour scheme and part toggles (kept in the URL's #fragment), and live
// reload. The server announces each build on /events; the page then fetches the panels and, when
// the email changed, loads it into a second frame and swaps it in once it has its height.
"use strict";

(() => {
  const choices = { width: ["desktop", "mobile"], scheme: ["light", "dark"], tab: ["html", "text", "headers"] };
  const body = document.body;
  const server = body.dataset.server;
  let version = Number(body.dataset.version);
  let emailVersion = Number(body.dataset.emailVersion);
  let state = readState();
  let loads = 0;

  function readState() {
    const params = new URLSearchParams(location.hash.slice(1));
    const result = {};
    for (const [key, values] of Object.entries(choices)) {
      result[key] = values.includes(params.get(key)) ? params.get(key) : values[0];
    }
    return result;
  }

  function apply(previous) {
    Object.assign(body.dataset, state);
    for (const button of document.querySelectorAll("[data-set]")) {
      const [key, value] = button.dataset.set.split("=");
      button.setAttribute("aria-pressed", String(state[key] === value));
    }
    for (const view of document.querySelectorAll(".view")) view.hidden = view.dataset.view !== state.tab;
    history.replaceState(null, "", "#" + new URLSearchParams(state).toString());
    if (previous.scheme !== state.scheme) loadFrame();
    else fit(document.getElementById("email"));
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-set]");
    if (!button) return;
    const [key, value] = button.dataset.set.split("=");
    const previous = state;
    state = { ...state, [key]: value };
    apply(previous);
  });

  // The frame is as tall as the email, so the page scrolls and nothing is cut off.
  function fit(frame) {
    const doc = frame && frame.contentDocument;
    if (!doc || !doc.documentElement) return;
    frame.style.height = "0px";
    frame.style.height = doc.documentElement.scrollHeight + "px";
    const wide = doc.documentElement.scrollWidth > frame.clientWidth + 1;
    document.querySelector(".overflow").hidden = !wide;
  }

  function loadFrame() {
    const current = document.getElementById("email");
    for (const stale of document.querySelectorAll("iframe.email.loading")) stale.remove();
    const next = current.cloneNode(false);
    const load = ++loads;
    next.removeAttribute("id");
    next.classList.add("loading");
    next.addEventListener("load", () => {
      if (load !== loads) return next.remove();
      fit(next);
      next.classList.remove("loading");
      next.dataset.version = String(emailVersion);
      next.dataset.scheme = state.scheme;
      for (const frame of document.querySelectorAll("iframe.email")) if (frame !== next) frame.remove();
      next.id = "email";
    }, { once: true });
    next.src = `/email.html?scheme=${state.scheme}&v=${emailVersion}`;
    current.after(next);
  }

  async function refresh() {
    const response = await fetch("/api/snapshot", { cache: "no-store" });
    const data = await response.json();
    if (data.server !== server) return location.reload();
    if (data.version <= version) return;
    version = data.version;
    body.dataset.version = String(version);
    for (const [name, html] of Object.entries(data.panels)) {
      const panel = document.querySelector(`[data-panel="${name}"]`);
      if (panel) panel.innerHTML = html;
    }
    if (data.email_version !== emailVersion) {
      emailVersion = data.email_version;
      body.dataset.emailVersion = String(emailVersion);
      loadFrame();
    }
  }

  // Corrections: one change per request, with the page's token and the version of edits.toml the
  // page shows; the server refuses a stale one and the page then shows the file as it is.
  const token = document.querySelector('meta[name="digest-token"]').content;
  const message = document.querySelector(".save-message");

  function say(text, isError) {
    message.textContent = text;
    message.classList.toggle("error", Boolean(isError));
    message.hidden = !text;
  }

  async function save(form, action) {
    const panel = document.querySelector(".corrections");
    const change = { action, id: form.dataset.story, base: panel ? panel.dataset.editsVersion : "" };
    if (action === "story") {
      const field = (name) => form.elements.namedItem(name).value;
      change.headline = field("headline");
      change.teaser = field("teaser");
      change.quote = { text: field("quote.text"), speaker: field("quote.speaker"), role: field("quote.role") };
    }
    say("Saving…", false);
    const response = await fetch("/api/edits", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Digest-Token": token },
      body: JSON.stringify(change),
      cache: "no-store",
    });
    const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
    if (response.ok) say("Saved to edits.toml.", false);
    else say(`Not saved: ${data.error}`, true);
    await refresh().catch(() => body.classList.add("offline"));
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button || button.dataset.action === "story") return;
    event.preventDefault();
    save(button.closest("form"), button.dataset.action);
  });
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form.story-form");
    if (!form) return;
    event.preventDefault();
    save(form, "story");
  });

  const events = new EventSource("/events");
  events.addEventListener("open", () => body.classList.remove("offline"));
  events.addEventListener("error", () => body.classList.add("offline"));
  events.addEventListener("build", (event) => {
    body.classList.remove("offline");
    const data = JSON.parse(event.data);
    if (data.server !== server) location.reload();
    else if (data.version > version) refresh().catch(() => body.classList.add("offline"));
  });

  window.addEventListener("hashchange", () => {
    const previous = state;
    state = readState();
    apply(previous);
  });
  window.addEventListener("resize", () => fit(document.getElementById("email")));
  const first = document.getElementById("email");
  const firstDoc = first.contentDocument;
  if (firstDoc && firstDoc.URL.includes("/email.html") && firstDoc.readyState === "complete") fit(first);
  else first.addEventListener("load", () => fit(first), { once: true });
  apply({ ...state, scheme: "light" });
})();
