/** Every fast-check property without its own parameters runs with the suite's seed (see helpers/fuzz.ts). */
import fc from "fast-check";
import { FUZZ_SEED } from "./helpers/fuzz.js";

fc.configureGlobal({ seed: FUZZ_SEED });
