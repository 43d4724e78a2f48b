// Shared by the player's unit tests: where the modules are, and the reference cases
// that Python computed with tinynet (tests/test_player_js.py writes them and runs us).
//
//   PLAYER_DIR    the player's folder (default: playground/player); the negative
//                 control points it at a copy with a planted error
//   PLAYER_CASES  a JSON file of cases from tinynet (tests/js_cases.py)

import {readFileSync} from "node:fs";
import {pathToFileURL} from "node:url";

const folder = process.env.PLAYER_DIR
  ? pathToFileURL(`${process.env.PLAYER_DIR.replace(/\/$/, "")}/`)
  : new URL("../../playground/player/", import.meta.url);

export const load = (name) => import(new URL(name, folder).href);

export const cases = process.env.PLAYER_CASES
  ? JSON.parse(readFileSync(process.env.PLAYER_CASES, "utf8"))
  : null;

// A test that needs tinynet's figures is skipped (with a reason) when run without them.
export const needsCases = cases ? {} : {skip: "run through pytest (tests/test_player_js.py) for tinynet's figures"};
