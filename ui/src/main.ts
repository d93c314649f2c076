import "./app.css";

import { mount } from "svelte";

import App from "./App.svelte";
import { applyTextSize, storedTextSize } from "./lib/textSize";

// Before the first paint, so the page never jumps from one size to another.
applyTextSize(storedTextSize());

const target = document.getElementById("app");
if (target === null) throw new Error("index.html has no #app element");

export default mount(App, { target });
