// `npm run bench` runs `node bench/run.js` (package.json); the benchmark is bench/run.mjs.
import "./run.mjs";
